import { error } from '@sveltejs/kit';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { ModerationError, decisionState } from '$lib/server/moderation/review';
import type { LayoutServerLoad } from './$types';

/** Where the decision stands; the page reloads only this after each decision. */
export const load: LayoutServerLoad = ({ locals, url, params, depends }) => {
	depends('testimony:decision');
	const staff = requireStaffPage(locals.staff, url);
	try {
		return { decision: decisionState(params.id, staff.id, channelsWithRole(staff, 'moderator')) };
	} catch (cause) {
		if (cause instanceof ModerationError) error(cause.status, { message: cause.message });
		throw cause;
	}
};
