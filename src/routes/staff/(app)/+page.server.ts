import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { channelsByIds } from '$lib/server/keys';
import { inbox } from '$lib/server/submissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	return {
		channels: channelsByIds(channelIds).map(({ id, name, country }) => ({ id, name, country })),
		entries: inbox(channelIds)
	};
};
