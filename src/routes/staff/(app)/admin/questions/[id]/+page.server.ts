import { error } from '@sveltejs/kit';
import { textDirection } from '$lib/i18n';
import { requireAdmin } from '$lib/server/auth/guard';
import { QuestionNotFound } from '$lib/server/questionnaire/errors';
import { editWording, moveQuestion, setQuestionActive } from '$lib/server/questionnaire/admin';
import {
	activeForm,
	localeOrNull,
	moveForm,
	wordingEditFromForm,
	wordingForm
} from '$lib/server/questionnaire/schemas';
import { localeReviewStatus, questionForEditing, questionPreview } from '$lib/server/questionnaire/overview';
import { formAction } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params, request }) => {
	requireAdmin(locals.staff, url);
	const requested = url.searchParams.get('locale');
	const locale = localeOrNull(requested ?? 'en');
	if (!locale) {
		error(400, {
			message: staffText(staffLocaleFor(locals.staff, url, request.headers), 'staff_admin_questions_unknown_locale')
		});
	}
	try {
		return {
			question: questionForEditing(params.id),
			preview: questionPreview(params.id, locale),
			locale,
			dir: textDirection(locale),
			reviewStatus: localeReviewStatus(),
			created: url.searchParams.has('created')
		};
	} catch (cause) {
		if (cause instanceof QuestionNotFound) error(404, { message: cause.message });
		throw cause;
	}
};

export const actions: Actions = {
	wording: async ({ locals, url, request, params }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const values = {
			locale: form.get('locale'),
			version: form.get('version'),
			text: form.get('text'),
			optionLabels: Object.fromEntries(
				[...form.entries()]
					.filter(([name]) => name.startsWith('option.'))
					.map(([name, value]) => [name.slice('option.'.length), value])
			)
		};
		const locale = staffLocaleFor(staff, url, request.headers);
		return formAction(wordingForm, values, (input) => {
			const { changed, version } = editWording(params.id, wordingEditFromForm(input), staff.id);
			const notice = changed ? 'staff_admin_questions_saved_version' : 'staff_admin_questions_unchanged';
			return { saved: staffText(locale, notice, { version }) };
		});
	},

	move: async ({ locals, url, request, params }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(moveForm, { direction: form.get('direction') }, ({ direction }) => {
			moveQuestion(params.id, direction, staff.id);
			const notice = direction === 'up' ? 'staff_admin_questions_moved_up' : 'staff_admin_questions_moved_down';
			return { saved: staffText(staffLocaleFor(staff, url, request.headers), notice) };
		});
	},

	active: async ({ locals, url, request, params }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(activeForm, { active: form.get('active') }, ({ active }) => {
			setQuestionActive(params.id, active, staff.id);
			const notice = active ? 'staff_admin_questions_activated' : 'staff_admin_questions_deactivated';
			return { saved: staffText(staffLocaleFor(staff, url, request.headers), notice) };
		});
	}
};
