import { changePassphrase } from '$lib/server/accounts/manage';
import { requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { passphraseChange } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(request, passphraseChange, 8 * 1024, ({ currentAuthKey, ...material }) => {
		changePassphrase(staff, currentAuthKey, material);
		return { changed: true };
	});
};
