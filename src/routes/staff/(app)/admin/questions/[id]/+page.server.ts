import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { textDirection } from '$lib/i18n';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	QuestionNotFound,
	activeForm,
	editWording,
	localeOrNull,
	localeReviewStatus,
	moveForm,
	moveQuestion,
	questionForEditing,
	questionPreview,
	setQuestionActive,
	wordingEditFromForm,
	wordingForm
} from '$lib/server/questionnaire/admin';
import { refusal } from '../form.server';
import { readForm } from '$lib/server/http/forms';
import { issueMessage } from '$lib/server/http/issues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireAdmin(locals.staff, url);
	const requested = url.searchParams.get('locale');
	const locale = localeOrNull(requested ?? 'en');
	if (!locale) error(400, { message: 'That is not one of the portal’s languages.' });
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
		const parsed = v.safeParse(wordingForm, {
			locale: form.get('locale'),
			version: form.get('version'),
			text: form.get('text'),
			optionLabels: Object.fromEntries(
				[...form.entries()]
					.filter(([name]) => name.startsWith('option.'))
					.map(([name, value]) => [name.slice('option.'.length), value])
			)
		});
		if (!parsed.success) return fail(400, { message: issueMessage(wordingForm, parsed.issues) });
		try {
			const { changed, version } = editWording(params.id, wordingEditFromForm(parsed.output), staff.id);
			return { saved: changed ? `Saved as version ${version}.` : `Nothing changed; the question stays at version ${version}.` };
		} catch (cause) {
			return refusal(cause);
		}
	},

	move: async ({ locals, url, request, params }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const parsed = v.safeParse(moveForm, { direction: form.get('direction') });
		if (!parsed.success) return fail(400, { message: issueMessage(moveForm, parsed.issues) });
		try {
			moveQuestion(params.id, parsed.output.direction, staff.id);
			return { saved: `Moved ${parsed.output.direction}.` };
		} catch (cause) {
			return refusal(cause);
		}
	},

	active: async ({ locals, url, request, params }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const parsed = v.safeParse(activeForm, { active: form.get('active') });
		if (!parsed.success) return fail(400, { message: issueMessage(activeForm, parsed.issues) });
		try {
			setQuestionActive(params.id, parsed.output.active, staff.id);
			return {
				saved: parsed.output.active ? 'The question is active: survivors see it.' : 'The question is inactive: survivors no longer see it.'
			};
		} catch (cause) {
			return refusal(cause);
		}
	}
};
