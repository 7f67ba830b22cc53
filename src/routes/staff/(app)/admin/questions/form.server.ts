import { error, fail } from '@sveltejs/kit';
import { QuestionNotFound, QuestionRefused } from '$lib/server/questionnaire-admin';

/** The posted form, or null when the body is not readable form data. */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

export const UNREADABLE_FORM = 'The form could not be read; reload the page and try again.';

/** A refused change is the admin's to fix (400); an unknown question is a 404; anything else is a bug. */
export function refusal(cause: unknown) {
	if (cause instanceof QuestionRefused) return fail(400, { message: cause.message });
	if (cause instanceof QuestionNotFound) error(404, { message: cause.message });
	throw cause;
}
