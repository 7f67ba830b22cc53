import { openRecovery } from '$lib/server/accounts/manage';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { recoveryOpenRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, recoveryOpenRequest, 1024, ({ username, recoveryAuthKey, code }) =>
		openRecovery(username, recoveryAuthKey, code)
	);
