import { error } from '@sveltejs/kit';
import { startTotpEnrolment } from '$lib/server/accounts';
import { requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/endpoint';
import { staffUserById } from '$lib/server/staff';
import * as v from 'valibot';
import type { RequestHandler } from './$types';

/** After an admin reset: a new authenticator secret for the signed-in person. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	const user = staffUserById(staff.id);
	if (!user) error(401, { message: 'Sign in first.' });
	return jsonEndpoint(request, v.object({}), 256, () => startTotpEnrolment(user));
};
