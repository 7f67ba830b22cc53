import { staffLocaleFor } from '$lib/server/i18n/staff';
import type { LayoutServerLoad } from './$types';

/**
 * Every staff page's language, sent again only when something invalidates it (signing in or
 * out, saving another language on the Account page). Its strings follow in +layout.ts.
 */
export const load: LayoutServerLoad = ({ locals, url, request }) => ({
	staffLocale: staffLocaleFor(locals.staff, url, request.headers)
});
