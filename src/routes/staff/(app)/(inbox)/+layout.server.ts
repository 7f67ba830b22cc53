import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { inboxCounts } from '$lib/server/moderation/inbox-counts';
import type { LayoutServerLoad } from './$types';

/**
 * The counts above the inbox's list. A layout's load reads no filter or page number, so SvelteKit
 * runs it when the inbox is opened or reloaded, not on every page change or filter: those only
 * fetch the list, and the live poll keeps the counts current in between.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	return { loadedCounts: inboxCounts(staff.id, channelsWithRole(staff, 'moderator')) };
};
