import { error, json } from '@sveltejs/kit';
import { hasRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { proposeCorpusRotation } from '$lib/server/channels/rotations';
import { corpusRotationRequest } from '$lib/server/channels/schemas';
import type { RequestHandler } from './$types';

/** Proposes a new corpus key version; it takes effect once a colleague confirms it. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	if (!hasRole(staff, 'researcher') && !hasRole(staff, 'moderator') && !hasRole(staff, 'admin')) {
		error(403, { message: 'Only researchers, moderators or administrators can rotate the corpus key.' });
	}
	return jsonEndpoint(request, corpusRotationRequest, 128 * 1024, async (input) =>
		json(await proposeCorpusRotation(staff.id, input), { status: 201 })
	);
};
