import { error } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	CHANNEL_TEXT_KINDS,
	CHANNEL_TEXT_MAX_CHARS,
	channelEditForm,
	countryOptions,
	languageOptions
} from '$lib/server/channels/options';
import { channelDetails, updateChannel } from '$lib/server/channels/admin';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params, request }) => {
	const staff = requireAdmin(locals.staff, url);
	const locale = staffLocaleFor(staff, url, request.headers);
	const channel = channelDetails(params.id);
	if (!channel) error(404, { message: staffText(locale, 'staff_admin_channels_not_found') });
	return {
		channel,
		countries: countryOptions(locale),
		languages: languageOptions(locale),
		textMaxChars: CHANNEL_TEXT_MAX_CHARS,
		created: url.searchParams.has('created')
	};
};

/** The form's fields as the schema expects them; a text field that was not posted leaves its text as it is. */
function channelEditFields(form: FormData) {
	return {
		name: form.get('name'),
		country: form.get('country'),
		organisation: form.get('organisation'),
		safeUrl: form.get('safeUrl'),
		locales: form.getAll('locales'),
		status: form.get('status'),
		texts: CHANNEL_TEXT_KINDS.flatMap((kind) =>
			locales
				.filter((locale) => form.has(`${kind}-${locale}`))
				.map((locale) => ({ kind, locale, text: form.get(`${kind}-${locale}`) }))
		)
	};
}

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(channelEditForm, channelEditFields(form), (input) => {
			const { fields } = updateChannel(params.id, input, staff.id);
			const locale = staffLocaleFor(staff, url, request.headers);
			return {
				saved: staffText(locale, fields.length > 0 ? 'staff_admin_channels_saved' : 'staff_admin_settings_unchanged')
			};
		});
	}
};
