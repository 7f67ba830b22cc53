import { redirect } from '@sveltejs/kit';
import { hasRole, requireStaffPage } from '$lib/server/auth/guard';
import { keyMaterial, staffUserById } from '$lib/server/staff';
import type { LayoutServerLoad } from './$types';

const TWO_FACTOR_PAGE = '/staff/account/two-factor';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const user = staffUserById(staff.id);
	if (!user) return requireStaffPage(null, url) as never;
	// After an admin reset of their 2FA, a person can do nothing before enrolling again.
	if (!user.totpSecret && url.pathname !== TWO_FACTOR_PAGE) redirect(303, TWO_FACTOR_PAGE);
	return {
		username: staff.username,
		roles: staff.roles,
		isAdmin: hasRole(staff, 'admin'),
		// Locked key material, so the browser can unlock after a reload without signing in again.
		keyMaterial: keyMaterial(user)
	};
};
