import { locales } from '$lib/paraglide/runtime';
import { requireStaffPage } from '$lib/server/auth/guard';
import { channelsByIds } from '$lib/server/channels/keys';
import {
	createFinding,
	editFinding,
	findingChannelIds,
	findingsForStaff,
	publishFinding,
	returnFinding,
	submitFinding,
	withdrawFinding
} from '$lib/server/findings/findings';
import {
	findingEditForm,
	findingReturnForm,
	findingStepForm,
	FINDING_COUNT_MAX,
	FINDING_NOTE_MAX,
	FINDING_PART_MAX,
	FINDING_TITLE_MAX,
	newFindingForm
} from '$lib/server/findings/schemas';
import { formAction } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	return {
		channels: channelsByIds(findingChannelIds(staff)).map(({ id, name }) => ({ id, name })),
		findings: findingsForStaff(staff),
		locales: [...locales],
		limits: { title: FINDING_TITLE_MAX, part: FINDING_PART_MAX, note: FINDING_NOTE_MAX, count: FINDING_COUNT_MAX }
	};
};

/** The editor's fields: one group per survivor language, named `title.<locale>` and so on. */
function findingValues(form: FormData) {
	const count = String(form.get('peopleCount') ?? '').trim();
	return {
		baseLocale: form.get('baseLocale'),
		peopleCount: count ? Number(count) : null,
		texts: Object.fromEntries(
			locales.map((locale) => [
				locale,
				{
					title: String(form.get(`title.${locale}`) ?? ''),
					heard: String(form.get(`heard.${locale}`) ?? ''),
					changed: String(form.get(`changed.${locale}`) ?? '')
				}
			])
		)
	};
}

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		const values = { channelId: form.get('channelId'), ...findingValues(form) };
		return formAction(newFindingForm, values, (input) => ({ saved: createFinding(staff, input) }));
	},
	edit: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		const values = { findingId: form.get('findingId'), ...findingValues(form) };
		return formAction(findingEditForm, values, (input) => {
			editFinding(staff, input);
			return { saved: input.findingId };
		});
	},
	submit: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		return formAction(findingStepForm, { findingId: form.get('findingId') }, ({ findingId }) => {
			submitFinding(staff, findingId);
		});
	},
	publish: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		return formAction(findingStepForm, { findingId: form.get('findingId') }, ({ findingId }) => {
			publishFinding(staff, findingId);
		});
	},
	return: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		const values = { findingId: form.get('findingId'), note: form.get('note') };
		return formAction(findingReturnForm, values, ({ findingId, note }) => {
			returnFinding(staff, findingId, note);
		});
	},
	withdraw: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const form = await readForm(request);
		return formAction(findingStepForm, { findingId: form.get('findingId') }, ({ findingId }) => {
			withdrawFinding(staff, findingId);
		});
	}
};
