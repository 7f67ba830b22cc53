import { requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { confirmRotation } from '$lib/server/channels/rotations';
import { rotationConfirmation } from '$lib/server/channels/schemas';
import type { RequestHandler } from './$types';

/** A colleague's browser proves it opens its grant of a pending key; the key then takes effect. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(request, rotationConfirmation, 1024, (input) => confirmRotation(staff.id, input));
};
