import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/endpoint';
import { setupRequest } from '$lib/server/schemas';
import { completeSetup } from '$lib/server/setup';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, setupRequest, 16 * 1024, (input) => {
		const { channelId, recoveryCodes } = completeSetup(input);
		return json({ channelId, recoveryCodes }, { status: 201 });
	});
