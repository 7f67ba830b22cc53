import { json } from '@sveltejs/kit';
import { mergeCode } from '$lib/server/research/codebook';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { mergeRequest } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Merges this code into another; its codings follow. */
export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, mergeRequest, 1024, (input) => json(mergeCode(staff.id, params.id, input.into)));
};
