import { json } from '@sveltejs/kit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { completeEnrolment } from '$lib/server/accounts/enrolment';
import { enrolmentRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

/** Creates the invitee's account and signs them in; their keys are already in their worker. */
export const POST: RequestHandler = ({ request, cookies }) =>
	jsonEndpoint(request, enrolmentRequest, 16 * 1024, ({ token, totpCode, account }) => {
		const { userId, recoveryCodes } = completeEnrolment(token, totpCode, account);
		const session = createSession(userId);
		setSessionCookie(cookies, session.token, session.expiresAt);
		return json({ recoveryCodes }, { status: 201 });
	});
