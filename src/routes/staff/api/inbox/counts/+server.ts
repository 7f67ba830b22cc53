import { json } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { inboxActivity } from '$lib/server/intake/inbox';
import { statusCounts } from '$lib/server/moderation/review';
import { rejectionsOfChannels } from '$lib/server/moderation/rejections';
import type { RequestHandler } from './$types';

/** The inbox's live counts, polled while it is on screen: numbers only, never a testimony. */
export const GET: RequestHandler = ({ locals }) => {
	const staff = requireStaffApi(locals.staff);
	const channelIds = channelsWithRole(staff, 'moderator');
	const proposed = [...rejectionsOfChannels(channelIds).values()].filter((item) => item.state === 'proposed');
	return json({
		counts: statusCounts(channelIds),
		activity: inboxActivity(staff.id, channelIds),
		proposedRejections: proposed.length
	});
};
