import { json } from '@sveltejs/kit';
import { setCodeArchived } from '$lib/server/research/codebook';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { archiveRequest } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, archiveRequest, 1024, (input) =>
		json({ code: setCodeArchived(staff.id, params.id, input.archived) })
	);
};
