import { staffDictionary, staffLocaleFor } from '$lib/server/i18n/staff';
import type { LayoutServerLoad } from './$types';

/**
 * Every staff page's language and its strings, sent once and again only when something
 * invalidates them (signing in or out, saving another language on the Account page).
 */
export const load: LayoutServerLoad = ({ locals, url, request }) => {
	const staffLocale = staffLocaleFor(locals.staff, url, request.headers);
	return { staffLocale, staffMessages: staffDictionary(staffLocale) };
};
