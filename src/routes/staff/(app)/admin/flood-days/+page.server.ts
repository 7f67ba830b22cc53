import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/guard';
import { FloodDayNotHeld, floodDays, releaseFloodDay } from '$lib/server/intake/budget';
import { heldUnreviewedByDay } from '$lib/server/retention/retention';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	const held = heldUnreviewedByDay();
	return {
		days: floodDays().map((day) => ({ ...day, heldTestimonies: held.get(day.day) ?? 0, released: day.releasedAt !== null }))
	};
};

const releaseForm = v.object({
	day: v.pipe(v.string('Choose a day.'), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day from the list.')),
	confirmed: v.literal(true, 'Tick the box to confirm that retention may delete these testimonies.')
});

export const actions: Actions = {
	release: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { message: 'The form could not be read; reload the page and try again.' });
		}
		const parsed = v.safeParse(releaseForm, { day: form.get('day'), confirmed: form.get('confirmed') === 'on' });
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
		try {
			releaseFloodDay(parsed.output.day, staff.id, heldUnreviewedByDay().get(parsed.output.day) ?? 0);
		} catch (cause) {
			if (cause instanceof FloodDayNotHeld) return fail(404, { message: cause.message });
			throw cause;
		}
		return { released: `Retention now treats ${parsed.output.day} like any other day.` };
	}
};
