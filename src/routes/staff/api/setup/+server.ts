import { json } from '@sveltejs/kit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { setupRequest } from '$lib/server/accounts/schemas';
import { completeSetup } from '$lib/server/accounts/setup';
import type { RequestHandler } from './$types';

/** Creates the first admin and signs them in: their keys are already unlocked in their worker. */
export const POST: RequestHandler = ({ request, cookies }) =>
	jsonEndpoint(request, setupRequest, 16 * 1024, (input) => {
		const { adminId, channelId, recoveryCodes } = completeSetup(input);
		const session = createSession(adminId);
		setSessionCookie(cookies, session.token, session.expiresAt);
		return json({ channelId, recoveryCodes }, { status: 201 });
	});
