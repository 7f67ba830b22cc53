import { json } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { inboxCounts } from '$lib/server/moderation/inbox-counts';
import type { RequestHandler } from './$types';

/** The inbox's live counts, polled while it is on screen: numbers only, never a testimony. */
export const GET: RequestHandler = ({ locals }) => {
	const staff = requireStaffApi(locals.staff);
	return json(inboxCounts(staff.id, channelsWithRole(staff, 'moderator')));
};
