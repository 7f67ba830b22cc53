import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { revealRound } from '$lib/server/research/rounds';
import { requireResearcher } from '$lib/server/auth/guard';
import { revealRequest } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** The team lead reveals a blind coding round to the whole team (audited). */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, revealRequest, 1024, (input) => json(revealRound(staff.id, staff.roles, input.round)));
};
