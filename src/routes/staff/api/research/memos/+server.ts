import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { saveMemo } from '$lib/server/research/workspace';
import { requireResearcher } from '$lib/server/auth/guard';
import { memoUpload } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Creates or replaces a memo sealed in the researcher's browser under the corpus key. */
export const PUT: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, memoUpload, 256 * 1024, (input) => json(saveMemo(staff.id, input)));
};
