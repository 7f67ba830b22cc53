import { redirect } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { channelsByIds } from '$lib/server/channels/keys';
import { sessionForm } from '$lib/server/sessions/schemas';
import { createSession, sessionsWithCounts } from '$lib/server/sessions/sessions';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'facilitator');
	return {
		channels: channelsByIds(channelIds).map(({ id, name }) => ({ id, name })),
		sessions: sessionsWithCounts(channelIds),
		locales: [...locales]
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		const expected = String(form.get('expectedParticipants') ?? '').trim();
		const values = {
			channelId: form.get('channelId'),
			label: form.get('label'),
			locales: form.getAll('locales').map(String),
			startsDay: form.get('startsDay'),
			endsDay: form.get('endsDay'),
			expectedParticipants: expected ? Number(expected) : null
		};
		return formAction(sessionForm, values, (input) => {
			const created = createSession(staff.id, channelsWithRole(staff, 'facilitator'), input);
			redirect(303, `/staff/sessions/${created.id}`);
		});
	}
};
