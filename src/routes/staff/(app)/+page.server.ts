import * as v from 'valibot';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { inboxFilters } from '$lib/server/moderation/schemas';
import { floodBanner } from '$lib/server/intake/budget';
import { statusCounts } from '$lib/server/moderation/review';
import { channelsByIds } from '$lib/server/channels/keys';
import { rejectionsOfChannels } from '$lib/server/moderation/rejections';
import { inbox, sessionsOfChannels } from '$lib/server/intake/submissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	const parsed = v.safeParse(inboxFilters, {
		status: url.searchParams.get('status') || undefined,
		session: url.searchParams.get('session') || undefined,
		day: url.searchParams.get('day') || undefined,
		rejection: url.searchParams.get('rejection') || undefined
	});
	const chosen = parsed.success ? parsed.output : {};
	// Rejected testimonies with the days left before deletion, and rejections waiting for a second moderator.
	const rejections = rejectionsOfChannels(channelIds);
	const entries = inbox(channelIds)
		.map((entry) => ({ ...entry, rejection: rejections.get(entry.id) ?? null }))
		.filter(
			(entry) =>
				(!chosen.rejection || entry.rejection?.state === 'proposed') &&
				(!chosen.status || entry.status === chosen.status) &&
				(!chosen.day || entry.receivedDay === chosen.day) &&
				(!chosen.session || entry.sessionId === chosen.session)
		);
	return {
		channels: channelsByIds(channelIds).map(({ id, name, country }) => ({ id, name, country })),
		counts: statusCounts(channelIds),
		filters: {
			status: chosen.status ?? '',
			day: chosen.day ?? '',
			session: chosen.session ?? '',
			rejection: chosen.rejection ?? ''
		},
		proposedRejections: [...rejections.values()].filter((item) => item.state === 'proposed').length,
		sessions: sessionsOfChannels(channelIds),
		filterProblem: parsed.success ? null : 'A filter value was not understood and is ignored.',
		entries,
		flood: floodBanner(),
		isAdmin: staff.roles.some((grant) => grant.role === 'admin')
	};
};
