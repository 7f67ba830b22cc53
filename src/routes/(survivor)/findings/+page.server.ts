import { getLocale } from '$lib/paraglide/runtime';
import { publicFindings } from '$lib/server/findings/findings';
import { dictionary } from '$lib/server/i18n/dictionary';
import type { PageServerLoad } from './$types';

/**
 * What we heard, what changed: the published findings of every channel, in the visitor's
 * language where it has text. Text only, rendered on the server, no script of its own.
 */
export const csr = false;

export const load: PageServerLoad = () => {
	const locale = getLocale();
	return { text: dictionary(locale, ['findings_']), channels: publicFindings(locale) };
};
