import { json } from '@sveltejs/kit';
import { setupRequest } from '$lib/server/schemas';
import { SetupError, completeSetup } from '$lib/server/setup';
import { BadRequest, readJson, refuse } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	try {
		const input = await readJson(request, setupRequest, 16 * 1024);
		const { channelId } = completeSetup(input);
		return json({ channelId }, { status: 201 });
	} catch (cause) {
		if (cause instanceof BadRequest || cause instanceof SetupError) {
			return refuse(cause.status, cause.message);
		}
		throw cause;
	}
};
