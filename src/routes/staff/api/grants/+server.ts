import { json } from '@sveltejs/kit';
import { requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { createGrant } from '$lib/server/channels/grants';
import { grantRequest } from '$lib/server/channels/schemas';
import type { RequestHandler } from './$types';

/** A key sealed in the granter's browser to a newcomer's public key. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(request, grantRequest, 2048, (input) => {
		createGrant(staff.id, input);
		return json({ granted: true }, { status: 201 });
	});
};
