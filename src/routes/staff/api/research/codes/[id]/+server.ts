import { json } from '@sveltejs/kit';
import { updateCode } from '$lib/server/research/codebook';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { codeInput } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Renames, re-describes or moves a code. */
export const PUT: RequestHandler = ({ request, locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, codeInput, 16 * 1024, (input) => json({ code: updateCode(staff.id, params.id, input) }));
};
