import { fail } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { channelsByIds } from '$lib/server/channels/keys';
import { addTemplate, deleteTemplate, templatesOf } from '$lib/server/moderation/reply-templates';
import { readForm } from '$lib/server/http/forms';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import { formAction, formAttempt } from '$lib/server/http/form-action';
import { templateForm } from '$lib/server/moderation/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	return {
		channels: channelsByIds(channelIds).map(({ id, name, locales }) => ({ id, name, locales: locales ?? [] })),
		templates: templatesOf(channelIds),
		locales: [...locales]
	};
};

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		return formAction(templateForm, Object.fromEntries(await readForm(request)), (input) => {
			addTemplate(staff.id, channelsWithRole(staff, 'moderator'), input);
			return { message: staffText(staffLocaleFor(staff, url, request.headers), 'staff_moderation_templates_added') };
		});
	},
	delete: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const id = String((await readForm(request)).get('templateId') ?? '');
		const locale = staffLocaleFor(staff, url, request.headers);
		if (!/^[0-9a-f-]{36}$/.test(id))
			return fail(400, { message: staffText(locale, 'staff_moderation_templates_unknown') });
		return formAttempt(() => {
			deleteTemplate(staff.id, channelsWithRole(staff, 'moderator'), id);
			return { message: staffText(locale, 'staff_moderation_templates_deleted') };
		});
	}
};
