import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { inboxLanguageMaterial } from '$lib/server/moderation/review';
import { envelopeBatchRequest } from '$lib/server/moderation/schemas';
import type { RequestHandler } from './$types';

/** Only when a moderator filters the inbox by language: the server cannot read languages. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(request, envelopeBatchRequest, 64 * 1024, ({ ids }) =>
		inboxLanguageMaterial(staff.id, ids, channelsWithRole(staff, 'moderator'))
	);
};
