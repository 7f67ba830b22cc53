import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { addCodings } from '$lib/server/research/codings';
import { requireResearcher } from '$lib/server/auth/guard';
import { newCodings } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, newCodings, 8 * 1024, (input) =>
		json({ codings: addCodings(staff.id, input) }, { status: 201 })
	);
};
