import { requireAdmin } from '$lib/server/auth/guard';
import { floodDays, releaseFloodDay } from '$lib/server/intake/budget';
import { releaseForm } from '$lib/server/intake/schemas';
import { formAction } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import { heldUnreviewedByDay } from '$lib/server/retention/retention';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	const held = heldUnreviewedByDay();
	return {
		days: floodDays().map((day) => ({
			...day,
			heldTestimonies: held.get(day.day) ?? 0,
			released: day.releasedAt !== null
		}))
	};
};

export const actions: Actions = {
	release: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(releaseForm, { day: form.get('day'), confirmed: form.get('confirmed') === 'on' }, ({ day }) => {
			releaseFloodDay(day, staff.id, heldUnreviewedByDay().get(day) ?? 0);
			const locale = staffLocaleFor(staff, url, request.headers);
			const shown = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
				new Date(`${day}T00:00:00Z`)
			);
			return { released: staffText(locale, 'staff_admin_flood_now_released', { day: shown }) };
		});
	}
};
