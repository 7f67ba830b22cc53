import { json } from '@sveltejs/kit';
import { setCodeTranslation } from '$lib/server/research/codebook';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { codeTranslationInput } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Sets a code's name and description in one staff language; an empty name removes the translation. */
export const PUT: RequestHandler = ({ request, locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, codeTranslationInput, 16 * 1024, (input) =>
		json({ translation: setCodeTranslation(staff.id, params.id, params.locale, input) })
	);
};
