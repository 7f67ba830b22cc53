import { redirect } from '@sveltejs/kit';
import { adminExists } from '$lib/server/accounts/staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	if (adminExists()) redirect(303, '/staff/login');
	return {};
};
