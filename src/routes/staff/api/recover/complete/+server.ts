import { json } from '@sveltejs/kit';
import { completeRecovery } from '$lib/server/accounts/manage';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { recoveryCompleteRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies }) =>
	jsonEndpoint(request, recoveryCompleteRequest, 8 * 1024, ({ token, ...material }) => {
		const userId = completeRecovery(token, material);
		const session = createSession(userId);
		setSessionCookie(cookies, session.token, session.expiresAt);
		return json({ recovered: true });
	});
