import { error, json } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { saveDraft } from '$lib/server/moderation/review';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES } from '$lib/server/intake/schemas';
import { draftUpload } from '$lib/server/moderation/schemas';
import { sealedTestimony } from '$lib/server/intake/submissions';
import type { RequestHandler } from './$types';

/** The moderator's encrypted work on a testimony; refused if someone saved in between. */
export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	if (!sealedTestimony(params.id, channelsWithRole(staff, 'moderator'))) {
		error(404, { message: 'No testimony with this id in your channels.' });
	}
	return jsonEndpoint(request, draftUpload, 3 * MAX_SUBMISSION_CIPHERTEXT_BYTES, (upload) =>
		json({ version: saveDraft(params.id, staff.id, channelsWithRole(staff, 'moderator'), upload) })
	);
};
