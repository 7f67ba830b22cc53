import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { locales } from '$lib/paraglide/runtime';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { DomainError } from '$lib/server/http/errors';
import { channelsByIds } from '$lib/server/channels/keys';
import { TEMPLATE_KINDS, addTemplate, deleteTemplate, templatesOf } from '$lib/server/moderation/reply-templates';
import { readForm } from '$lib/server/http/forms';
import { issueMessage } from '$lib/server/http/issues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const channelIds = channelsWithRole(staff, 'moderator');
	return {
		channels: channelsByIds(channelIds).map(({ id, name }) => ({ id, name })),
		templates: templatesOf(channelIds),
		locales: [...locales]
	};
};

const templateForm = v.object({
	channelId: v.pipe(v.string(), v.uuid('Choose one of your channels.')),
	kind: v.picklist(TEMPLATE_KINDS, 'Choose what kind of reply this is.'),
	locale: v.picklist(locales, 'Choose a language.'),
	text: v.pipe(v.string(), v.trim(), v.minLength(2, 'Write the template text.'), v.maxLength(2000, 'Keep a template under 2000 characters.'))
});

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const parsed = v.safeParse(templateForm, Object.fromEntries(await readForm(request)));
		if (!parsed.success) return fail(400, { message: issueMessage(templateForm, parsed.issues) });
		try {
			addTemplate(staff.id, channelsWithRole(staff, 'moderator'), parsed.output);
		} catch (cause) {
			if (cause instanceof DomainError) return fail(cause.status, { message: cause.message });
			throw cause;
		}
		return { message: 'Template added.' };
	},
	delete: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		const id = String((await readForm(request)).get('templateId') ?? '');
		if (!/^[0-9a-f-]{36}$/.test(id)) return fail(400, { message: 'Unknown template.' });
		try {
			deleteTemplate(staff.id, channelsWithRole(staff, 'moderator'), id);
		} catch (cause) {
			if (cause instanceof DomainError) return fail(cause.status, { message: cause.message });
			throw cause;
		}
		return { message: 'Template deleted.' };
	}
};
