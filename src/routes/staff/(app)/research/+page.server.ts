import { error } from '@sveltejs/kit';
import { hasRole, requireStaffPage } from '$lib/server/auth/guard';
import { sealedCorpus } from '$lib/server/research';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	if (!hasRole(staff, 'researcher') && !hasRole(staff, 'moderator')) {
		error(403, { message: 'Only researchers and moderators read the research corpus.' });
	}
	return sealedCorpus(staff.id);
};
