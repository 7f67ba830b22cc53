import { error, json } from '@sveltejs/kit';
import { hasRole, isModeratorOf, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/endpoint';
import { rotateChannelKey } from '$lib/server/grants';
import { channelRotationRequest } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

/** A new key version for a channel, made in the browser of one of its moderators or an admin. */
export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	if (!isModeratorOf(staff, params.id) && !hasRole(staff, 'admin')) {
		error(403, { message: 'Only this channel’s moderators or an administrator can rotate its key.' });
	}
	return jsonEndpoint(request, channelRotationRequest, 128 * 1024, (input) =>
		json({ version: rotateChannelKey(staff.id, params.id, input) }, { status: 201 })
	);
};
