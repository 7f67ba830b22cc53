import { json } from '@sveltejs/kit';
import { login } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/session';
import { loginRequest } from '$lib/server/schemas';
import { BadRequest, readJson, refuse } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
	try {
		const { username, authKey } = await readJson(request, loginRequest, 1024);
		const outcome = login(username, authKey);
		if (!outcome.ok) {
			const response = refuse(outcome.status, outcome.message);
			if (outcome.retryAfterSeconds) response.headers.set('retry-after', String(outcome.retryAfterSeconds));
			return response;
		}
		setSessionCookie(cookies, outcome.token, outcome.expiresAt);
		return json({ material: outcome.material });
	} catch (cause) {
		if (cause instanceof BadRequest) return refuse(cause.status, cause.message);
		throw cause;
	}
};
