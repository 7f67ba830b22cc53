import { json } from '@sveltejs/kit';
import { createCode } from '$lib/server/research/codebook';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { codeInput } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, codeInput, 16 * 1024, (input) =>
		json({ code: createCode(staff.id, input) }, { status: 201 })
	);
};
