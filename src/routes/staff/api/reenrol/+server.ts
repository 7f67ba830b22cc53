import { json } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/session';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { openReenrolment } from '$lib/server/auth/reenrolment';
import { reenrolmentRequest } from '$lib/server/auth/schemas';
import type { RequestHandler } from './$types';

/**
 * Spends a re-enrolment link against the passphrase and opens a session that can only bind a
 * new authenticator (/staff/api/account/totp/start and finish).
 */
export const POST: RequestHandler = ({ request, cookies }) =>
	jsonEndpoint(request, reenrolmentRequest, 1024, ({ token, username, authKey }) => {
		const session = openReenrolment(token, username, authKey);
		setSessionCookie(cookies, session.token, session.expiresAt);
		// The locked key material, as at sign-in, so the staff pages open without asking again.
		return json({ next: '/staff/account/two-factor', material: session.material });
	});
