import { json } from '@sveltejs/kit';
import { requireAdminApi } from '$lib/server/auth/guard';
import { createChannel } from '$lib/server/channels/admin';
import { newChannelRequest } from '$lib/server/channels/options';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import type { RequestHandler } from './$types';

/** A new channel, its public key and its secret key sealed in the admin's browser to each first moderator. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireAdminApi(locals.staff);
	return jsonEndpoint(request, newChannelRequest, 128 * 1024, (input) =>
		json(createChannel(input, staff.id), { status: 201 })
	);
};
