import { error } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { domainAnswer } from '$lib/server/http/endpoint';
import { markInReview, sealedTestimony } from '$lib/server/intake/submissions';
import type { RequestHandler } from './$types';

/** The moderator's page opened a new testimony: it is now in review (a GET never changes it). */
export const POST: RequestHandler = ({ locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	if (!sealedTestimony(params.id, channelsWithRole(staff, 'moderator'))) {
		error(404, { message: 'No testimony with this id in your channels.' });
	}
	return domainAnswer(() => ({ status: markInReview(params.id) }));
};
