import { redirect } from '@sveltejs/kit';
import { TWO_FACTOR_PAGE } from '$lib/server/auth/guard';
import { safeStaffPath } from '$lib/staff-paths';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	// With a live session but a locked key, the staff layout asks for the passphrase instead.
	if (locals.staff?.awaitingSecondFactor) redirect(303, TWO_FACTOR_PAGE);
	if (locals.staff) redirect(303, safeStaffPath(url.searchParams.get('next')));
	return {};
};
