import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { activeChannel, currentChannelKey, defaultIntakeChannel, referralText } from '$lib/server/channels/keys';
import { sessionById } from '$lib/server/sessions/sessions';
import { questionnaire } from '$lib/server/questionnaire/questions';
import { deploymentSalt } from '$lib/server/settings/store';
import { rawRetentionDays } from '$lib/server/settings/settings';
import type { PageServerLoad } from './$types';
import { toBase64url } from '$lib/encoding/base64url';

const TELL_TEXT = [
	'budget_',
	'safety_',
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
	'kiosk_',
	'pow_',
	'tell_'
];

/** Public values the browser needs to seal a testimony, the questions, and the page's text. */
export const load: PageServerLoad = ({ url }) => {
	const locale = getLocale();
	const text = dictionary(locale, TELL_TEXT);
	// A facilitated session's link carries its id; its channel receives the testimony.
	const sessionId = url.searchParams.get('s');
	const session = sessionId ? sessionById(sessionId) : null;
	const channel = session ? activeChannel(session.channelId) : defaultIntakeChannel();
	const key = channel ? currentChannelKey(channel.id) : undefined;
	if (!channel || !key) return { text, intake: null };
	return {
		text,
		intake: {
			channelId: channel.id,
			organisation: channel.name,
			channelKeyVersion: key.version,
			channelPublicKey: toBase64url(key.publicKey),
			deploymentSalt: deploymentSalt(),
			retentionDays: rawRetentionDays(),
			referral: referralText(channel.id, locale),
			questions: questionnaire(channel.id, locale),
			sessionId: session?.id ?? null,
			sessionLocales: session?.locales ?? [],
			// A facilitator's shared device: wipe after each person and after inactivity.
			kiosk: Boolean(session) && url.searchParams.get('kiosk') === '1'
		}
	};
};
