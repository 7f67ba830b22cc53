import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { referralText } from '$lib/server/channels/keys';
import { visitChannel, visitQuery } from '$lib/server/channels/visit';
import { promptsIn } from '$lib/server/prompts/prompts';
import { speechSynthesisOn } from '$lib/server/settings/speech';
import type { PageServerLoad } from './$types';

/**
 * The safety note before a testimony: server-rendered, with no script but the quick exit, so it
 * works without JavaScript and costs a few kilobytes on a slow line.
 */
export const csr = false;

export const load: PageServerLoad = ({ url }) => {
	const locale = getLocale();
	const { channel, kiosk } = visitChannel(url);
	return {
		text: dictionary(locale, ['safety_', 'referral_', 'kiosk_next_person', 'listen_safety', 'listen_stop']),
		listen: promptsIn(locale).safety,
		speak: speechSynthesisOn(locale),
		referral: channel ? referralText(channel.id, locale) : null,
		hasChannel: Boolean(channel),
		kiosk,
		next: `/tell/steps${visitQuery(url)}`
	};
};
