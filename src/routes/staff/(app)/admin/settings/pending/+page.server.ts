import { requireAdmin } from '$lib/server/auth/guard';
import { cancelPendingSettingChange } from '$lib/server/settings/settings';
import { cancelForm } from '$lib/server/settings/schemas';
import { formAction } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(cancelForm, { key: form.get('key') }, ({ key }) => {
			cancelPendingSettingChange(key, staff.id);
			return { cancelled: staffText(staffLocaleFor(staff, url, request.headers), 'staff_admin_pending_cancelled') };
		});
	}
};
