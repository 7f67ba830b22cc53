import * as v from 'valibot';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { inboxLanguageMaterial } from '$lib/server/moderation/review';
import type { RequestHandler } from './$types';

const request = v.object({
	ids: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'ids are testimony ids.'))), v.maxLength(2000))
});

/** Only when a moderator filters the inbox by language: the server cannot read languages. */
export const POST: RequestHandler = ({ request: incoming, locals }) => {
	const staff = requireStaffApi(locals.staff);
	return jsonEndpoint(incoming, request, 64 * 1024, ({ ids }) =>
		inboxLanguageMaterial(staff.id, ids, channelsWithRole(staff, 'moderator'))
	);
};
