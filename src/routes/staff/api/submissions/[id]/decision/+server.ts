import { error, json } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/endpoint';
import { decide } from '$lib/server/moderation';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, decisionUpload } from '$lib/server/schemas';
import { sealedTestimony } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	if (!sealedTestimony(params.id, channelsWithRole(staff, 'moderator'))) {
		error(404, { message: 'No testimony with this id in your channels.' });
	}
	return jsonEndpoint(request, decisionUpload, 3 * MAX_SUBMISSION_CIPHERTEXT_BYTES, (input) =>
		json({ status: decide(params.id, staff.id, channelsWithRole(staff, 'moderator'), input) })
	);
};
