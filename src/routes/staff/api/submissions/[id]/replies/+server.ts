import { error, json } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { addStaffReply } from '$lib/server/intake/receipts';
import { staffReplyUpload } from '$lib/server/moderation/schemas';
import { sealedTestimony } from '$lib/server/intake/submissions';
import type { RequestHandler } from './$types';

/** A moderator's reply, sealed in their browser to the survivor's reply public key. */
export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	const testimony = sealedTestimony(params.id, channelsWithRole(staff, 'moderator'));
	if (!testimony) error(404, { message: 'No testimony with this id in your channels.' });
	return jsonEndpoint(request, staffReplyUpload, 128 * 1024, ({ sealedReply }) =>
		json({ id: addStaffReply(testimony.id, staff.id, sealedReply) }, { status: 201 })
	);
};
