import { error } from '@sveltejs/kit';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

const UNREADABLE_FORM = 'The form could not be read; reload the page and try again.';

/**
 * The posted form of an action. SvelteKit lets `text/plain` through to actions and
 * `request.formData()` throws on it and on broken multipart, which would be a 500; here a
 * wrong type is a 415 and an unreadable body a 400, each with a sentence, never the body.
 */
export async function readForm(request: Request): Promise<FormData> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) error(415, { message: 'Send this form from its page in the portal.' });
	try {
		return await request.formData();
	} catch {
		error(400, { message: UNREADABLE_FORM });
	}
}
