import { redirect } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guard';
import { QUESTION_DOMAINS, newQuestionForm, newQuestionFromForm } from '$lib/server/questionnaire/schemas';
import { createQuestion } from '$lib/server/questionnaire/admin';
import { localeReviewStatus, questionChannels, questionnaireOverview } from '$lib/server/questionnaire/overview';
import { formAction } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		sections: questionnaireOverview(),
		reviewStatus: localeReviewStatus(),
		channels: questionChannels(),
		domains: [...QUESTION_DOMAINS],
		localeCount: locales.length
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const values = {
			id: form.get('id'),
			section: form.get('section'),
			domain: form.get('domain'),
			kind: form.get('kind'),
			contentNote: form.get('contentNote'),
			scope: form.get('scope'),
			text: form.get('text'),
			optionIds: form.getAll('optionId'),
			optionLabels: form.getAll('optionLabel')
		};
		return formAction(newQuestionForm, values, (input) => {
			const { id } = createQuestion(newQuestionFromForm(input), staff.id);
			redirect(303, `/staff/admin/questions/${id}?created`);
		});
	}
};
