import { error, fail } from '@sveltejs/kit';
import { QuestionNotFound, QuestionRefused } from '$lib/server/questionnaire/admin';

/** A refused change is the admin's to fix (400); an unknown question is a 404; anything else is a bug. */
export function refusal(cause: unknown) {
	if (cause instanceof QuestionRefused) return fail(400, { message: cause.message });
	if (cause instanceof QuestionNotFound) error(404, { message: cause.message });
	throw cause;
}
