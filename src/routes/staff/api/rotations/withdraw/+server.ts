import { requireStaffApi, hasRole } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { withdrawRotation } from '$lib/server/channels/rotations';
import { rotationWithdrawal } from '$lib/server/channels/schemas';
import type { RequestHandler } from './$types';

/** Withdraws a key version still waiting for confirmation. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(request, rotationWithdrawal, 1024, (input) => {
		withdrawRotation(staff.id, hasRole(staff, 'admin'), input);
		return { withdrawn: true };
	});
};
