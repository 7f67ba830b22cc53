import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { inboxFilters, referenceSearch } from '$lib/server/moderation/schemas';
import { floodBanner } from '$lib/server/intake/budget';
import { channelsByIds } from '$lib/server/channels/keys';
import { rejectionsOfChannels } from '$lib/server/moderation/rejections';
import { sessionsOfChannels } from '$lib/server/intake/submissions';
import { inboxPage, testimonyByReference } from '$lib/server/intake/inbox';
import { formAction } from '$lib/server/http/form-action';
import { utcDay } from '$lib/server/dates';
import { readForm } from '$lib/server/http/forms';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

const FILTERS = ['status', 'session', 'day', 'rejection', 'waiting', 'unread', 'page'] as const;

/** One page of the list; the counts above it come from the layout. */
export const load: PageServerLoad = ({ locals, url, request, setHeaders }) => {
	const started = performance.now();
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	const parsed = v.safeParse(
		inboxFilters,
		Object.fromEntries(FILTERS.map((name) => [name, url.searchParams.get(name) || undefined]))
	);
	const chosen = parsed.success ? parsed.output : {};
	// Rejected testimonies with the days left before deletion, and rejections waiting for a second
	// moderator: few at any time, since retention deletes rejected testimonies after the grace period.
	const rejections = rejectionsOfChannels(channelIds);
	const proposed = [...rejections].filter(([, item]) => item.state === 'proposed').map(([id]) => id);
	const listed = inboxPage(
		staff.id,
		channelIds,
		{
			status: chosen.status,
			day: chosen.day,
			session: chosen.session,
			waiting: chosen.waiting === '1',
			unread: chosen.unread === '1',
			ids: chosen.rejection ? proposed : undefined
		},
		chosen.page ?? 1,
		utcDay(new Date())
	);
	// How long this page's queries took, for the benchmark (and any operator's browser tools).
	setHeaders({ 'server-timing': `inbox;dur=${(performance.now() - started).toFixed(1)}` });
	return {
		channels: channelsByIds(channelIds).map(({ id, name, country }) => ({ id, name, country })),
		filters: {
			status: chosen.status ?? '',
			day: chosen.day ?? '',
			session: chosen.session ?? '',
			rejection: chosen.rejection ?? '',
			waiting: chosen.waiting === '1',
			unread: chosen.unread === '1'
		},
		sessions: sessionsOfChannels(channelIds),
		filterProblem: parsed.success
			? null
			: staffText(staffLocaleFor(staff, url, request.headers), 'staff_moderation_inbox_filter_problem'),
		...listed,
		entries: listed.entries.map((entry) => ({ ...entry, rejection: rejections.get(entry.id) ?? null })),
		flood: floodBanner(),
		isAdmin: staff.roles.some((grant) => grant.role === 'admin')
	};
};

export const actions: Actions = {
	/** Opens a testimony by its reference, in the moderator's own channels only. */
	find: async ({ locals, request, url }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		const found = await formAction(referenceSearch, { reference: form.get('reference') ?? '' }, ({ reference }) =>
			testimonyByReference(reference, channelsWithRole(staff, 'moderator'))
		);
		if (found === undefined)
			return fail(404, {
				message: staffText(staffLocaleFor(staff, url, request.headers), 'staff_moderation_inbox_find_missing')
			});
		if (typeof found !== 'string') return found;
		redirect(303, `/staff/testimony/${found}`);
	}
};
