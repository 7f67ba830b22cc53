import { finishTotpEnrolment } from '$lib/server/accounts/manage';
import { requireStaffAwaitingSecondFactorApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { totpEnrolRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffAwaitingSecondFactorApi(locals.staff);
	return jsonEndpoint(request, totpEnrolRequest, 256, ({ code }) => ({
		recoveryCodes: finishTotpEnrolment(staff.id, code)
	}));
};
