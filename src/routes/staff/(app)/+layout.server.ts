import { requireStaffPage } from '$lib/server/auth/guard';
import { keyMaterial, staffUserById } from '$lib/server/staff';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const user = staffUserById(staff.id);
	if (!user) requireStaffPage(null, url);
	return {
		username: staff.username,
		roles: staff.roles,
		// Locked key material, so the browser can unlock after a reload without signing in again.
		keyMaterial: keyMaterial(user!)
	};
};
