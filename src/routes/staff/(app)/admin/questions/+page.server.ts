import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { locales } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	QUESTION_DOMAINS,
	createQuestion,
	localeReviewStatus,
	newQuestionForm,
	newQuestionFromForm,
	questionChannels,
	questionnaireOverview
} from '$lib/server/questionnaire/admin';
import { refusal } from './form.server';
import { readForm } from '$lib/server/http/forms';
import { issueMessage } from '$lib/server/http/issues';
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
		const parsed = v.safeParse(newQuestionForm, {
			id: form.get('id'),
			section: form.get('section'),
			domain: form.get('domain'),
			kind: form.get('kind'),
			contentNote: form.get('contentNote'),
			scope: form.get('scope'),
			text: form.get('text'),
			optionIds: form.getAll('optionId'),
			optionLabels: form.getAll('optionLabel')
		});
		if (!parsed.success) return fail(400, { message: issueMessage(newQuestionForm, parsed.issues) });
		let id: string;
		try {
			id = createQuestion(newQuestionFromForm(parsed.output), staff.id).id;
		} catch (cause) {
			return refusal(cause);
		}
		redirect(303, `/staff/admin/questions/${id}?created`);
	}
};
