import { json } from '@sveltejs/kit';
import { BadRequest, readJson, refuse } from '$lib/server/http/validation';
import { loginParamsRequest } from '$lib/server/auth/schemas';
import { loginParams } from '$lib/server/accounts/staff';
import type { RequestHandler } from './$types';

/** Salt and cost for the browser's Argon2id; identical in shape for unknown usernames. */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const { username } = await readJson(request, loginParamsRequest, 1024);
		return json(loginParams(username));
	} catch (cause) {
		if (cause instanceof BadRequest) return refuse(cause.status, cause.message);
		throw cause;
	}
};
