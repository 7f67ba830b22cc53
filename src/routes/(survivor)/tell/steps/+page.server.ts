import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { currentChannelKey, referralText } from '$lib/server/channels/keys';
import { visitChannel } from '$lib/server/channels/visit';
import { questionnaire } from '$lib/server/questionnaire/questions';
import { deploymentSalt } from '$lib/server/settings/store';
import { rawRetentionDays } from '$lib/server/settings/settings';
import { readForm } from '$lib/server/http/forms';
import { islandFiles } from '$lib/server/islands';
import { channelReplyEstimate } from '$lib/server/intake/reply-times';
import { promptsIn } from '$lib/server/prompts/prompts';
import { speechSynthesisOn } from '$lib/server/settings/speech';
import { toBase64url } from '$lib/encoding/base64url';
import { consentProblem, readConsentForm } from './consent';
import type { Actions, PageServerLoad } from './$types';

const TELL_TEXT = [
	'site_title',
	'budget_',
	'noscript_',
	'referral_',
	'consent_',
	'mode_',
	'question_progress',
	'question_optional_hint',
	'question_back',
	'question_next',
	'question_skip',
	'question_content_note',
	'context_title',
	'context_intro',
	'context_prefer_not',
	'context_continue',
	'review_',
	'sending_',
	'send_',
	'receipt_',
	'crypto_',
	'no_channel',
	'voice_',
	'attach_',
	'kiosk_',
	'pow_',
	'tell_',
	'listen_'
];

/**
 * The testimony itself: consent, then the questions, sealed and sent in the browser. The safety
 * note before it is a page of its own (../+page.svelte) that needs no JavaScript; this page's
 * code loads while the person reads the consent, and the crypto worker once it has painted.
 * That code is the flow alone, an island (see $lib/islands): without SvelteKit's client and
 * router, a slow line brings the consent to life sooner.
 */
export const csr = false;

/** Public values the browser needs to seal a testimony, the questions, and the page's text. */
export const load: PageServerLoad = ({ url }) => {
	const locale = getLocale();
	// A facilitated session's link carries its id; its channel receives the testimony.
	const { session, channel, kiosk } = visitChannel(url);
	const text = dictionary(locale, TELL_TEXT);
	const island = islandFiles('tell');
	const key = channel ? currentChannelKey(channel.id) : undefined;
	if (!channel || !key) return { text, island, intake: null };
	return {
		text,
		island,
		intake: {
			channelId: channel.id,
			organisation: channel.name,
			channelKeyVersion: key.version,
			channelPublicKey: toBase64url(key.publicKey),
			deploymentSalt: deploymentSalt(),
			retentionDays: rawRetentionDays(),
			// Measured once a day per channel, so sending never waits for it.
			replyEstimate: channelReplyEstimate(channel.id),
			referral: referralText(channel.id, locale),
			questions: questionnaire(channel.id, locale),
			// Addresses of the recorded readings in this language, by text id; fetched only on Listen.
			prompts: promptsIn(locale),
			// Where a text has no recording: whether the browser's own voice may read it.
			speak: speechSynthesisOn(locale),
			sessionId: session?.id ?? null,
			sessionLocales: session?.locales ?? [],
			// A facilitator's shared device: wipe after each person and after inactivity.
			kiosk
		}
	};
};

export const actions: Actions = {
	/**
	 * The consent form posted by a browser that has not (or not yet) run this page's code. The page
	 * then starts at the next step, or shows the consent again with what is missing; nothing of it
	 * is stored, and the answers themselves are only ever sent sealed.
	 */
	default: async ({ request }) => {
		const answers = readConsentForm(await readForm(request));
		const problem = consentProblem(answers);
		return problem ? fail(400, { ...answers, problem }) : answers;
	}
};
