import { json } from '@sveltejs/kit';
import { login } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/session';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { loginRequest } from '$lib/server/auth/schemas';
import { refusalText } from '$lib/server/http/refusals';
import { refuse } from '$lib/server/http/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies }) =>
	jsonEndpoint(request, loginRequest, 1024, ({ username, authKey, code }) => {
		const outcome = login(username, authKey, code);
		if (!outcome.ok) {
			const response = refuse(outcome.status, refusalText(outcome));
			if (outcome.retryAfterSeconds) response.headers.set('retry-after', String(outcome.retryAfterSeconds));
			return response;
		}
		setSessionCookie(cookies, outcome.token, outcome.expiresAt);
		return json({ material: outcome.material });
	});
