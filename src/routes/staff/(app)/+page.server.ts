import * as v from 'valibot';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { SUBMISSION_STATUSES } from '$lib/server/db/schema';
import { channelsByIds } from '$lib/server/keys';
import { statusCounts } from '$lib/server/moderation';
import { inbox } from '$lib/server/submissions';
import type { PageServerLoad } from './$types';

const filters = v.object({
	status: v.optional(v.picklist(SUBMISSION_STATUSES)),
	day: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)))
});

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	const parsed = v.safeParse(filters, {
		status: url.searchParams.get('status') || undefined,
		day: url.searchParams.get('day') || undefined
	});
	const chosen = parsed.success ? parsed.output : {};
	return {
		channels: channelsByIds(channelIds).map(({ id, name, country }) => ({ id, name, country })),
		counts: statusCounts(channelIds),
		filters: { status: chosen.status ?? '', day: chosen.day ?? '' },
		filterProblem: parsed.success ? null : 'A filter value was not understood and is ignored.',
		entries: inbox(channelIds).filter(
			(entry) => (!chosen.status || entry.status === chosen.status) && (!chosen.day || entry.receivedDay === chosen.day)
		)
	};
};
