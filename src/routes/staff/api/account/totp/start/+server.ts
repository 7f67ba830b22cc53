import { error } from '@sveltejs/kit';
import { startTotpEnrolment } from '$lib/server/accounts/manage';
import { requireStaffAwaitingSecondFactorApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { emptyBody } from '$lib/server/http/schema-parts';
import { staffUserById } from '$lib/server/accounts/staff';
import type { RequestHandler } from './$types';

/** After an admin reset and the re-enrolment link: a new authenticator secret for the person. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffAwaitingSecondFactorApi(locals.staff);
	const user = staffUserById(staff.id);
	if (!user) error(401, { message: 'Sign in first.' });
	return jsonEndpoint(request, emptyBody, 256, () => startTotpEnrolment(user));
};
