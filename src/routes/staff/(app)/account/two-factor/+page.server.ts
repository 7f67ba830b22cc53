import { redirect } from '@sveltejs/kit';
import { requireStaffPage } from '$lib/server/auth/guard';
import { staffUserById } from '$lib/server/staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	if (staffUserById(staff.id)?.totpSecret) redirect(303, '/staff/account');
	return {};
};
