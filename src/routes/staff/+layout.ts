import { staffPartsFor } from '$lib/staff-i18n';
import { loadStaffStrings } from '$lib/staff-strings';
import type { LayoutLoad } from './$types';

/**
 * The strings of the page's area in the page's language: the common part everywhere, plus the
 * inbox's, the research workspace's... where the route is one of theirs. Runs again on each
 * move between pages (it reads the route), but a part the browser already holds is not fetched.
 */
export const load: LayoutLoad = async ({ data, route, fetch }) => ({
	...data,
	staffMessages: await loadStaffStrings(fetch, data.staffLocale, staffPartsFor(route.id))
});
