import { redirect } from '@sveltejs/kit';
import { requireStaffPage } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.staff) requireStaffPage(null, url);
	// Only a session still without an authenticator has anything to do here.
	if (!locals.staff?.awaitingSecondFactor) redirect(303, '/staff/account');
	return {};
};
