import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { importCodings } from '$lib/server/research/codings';
import { codingsImportRequest } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Codings from a project coded further in another tool, planned and previewed in the browser. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, codingsImportRequest, 1024 * 1024, (input) =>
		json(importCodings(staff.id, input.codings), { status: 201 })
	);
};
