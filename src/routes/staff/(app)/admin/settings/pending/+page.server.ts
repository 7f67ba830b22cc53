import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/guard';
import { NoPendingChange, cancelPendingSettingChange } from '$lib/server/settings/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {};
};

const cancelForm = v.object({ key: v.pipe(v.string('Choose a pending change.'), v.regex(/^[a-z_]{1,40}$/, 'Choose a pending change.')) });

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { message: 'The form could not be read; reload the page and try again.' });
		}
		const parsed = v.safeParse(cancelForm, { key: form.get('key') });
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
		try {
			cancelPendingSettingChange(parsed.output.key, staff.id);
		} catch (cause) {
			if (cause instanceof NoPendingChange) return fail(404, { message: cause.message });
			throw cause;
		}
		return { cancelled: 'The change was cancelled; the setting keeps its current value.' };
	}
};
