import { error, json } from '@sveltejs/kit';
import { hasRole, isModeratorOf, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { proposeChannelRotation } from '$lib/server/channels/rotations';
import { channelRotationRequest } from '$lib/server/channels/schemas';
import type { RequestHandler } from './$types';

/**
 * Proposes a new key version for a channel, made in the browser of one of its moderators or an
 * admin; it takes effect once another moderator confirms it.
 */
export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	if (!isModeratorOf(staff, params.id) && !hasRole(staff, 'admin')) {
		error(403, { message: 'Only this channel’s moderators or an administrator can rotate its key.' });
	}
	return jsonEndpoint(request, channelRotationRequest, 128 * 1024, async (input) =>
		json(await proposeChannelRotation(staff.id, params.id, input), { status: 201 })
	);
};
