import { redirect } from '@sveltejs/kit';
import { hasRole, requireStaffPage, TWO_FACTOR_PAGE } from '$lib/server/auth/guard';
import { keyMaterial, staffUserById } from '$lib/server/accounts/staff';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	// A session opened with a re-enrolment link sees the two-factor page and nothing else; the
	// page loads, actions and endpoints refuse it on their own too (guard.ts).
	if (locals.staff?.awaitingSecondFactor && url.pathname !== TWO_FACTOR_PAGE) redirect(303, TWO_FACTOR_PAGE);
	const staff = locals.staff?.awaitingSecondFactor ? locals.staff : requireStaffPage(locals.staff, url);
	const user = staffUserById(staff.id);
	if (!user) return requireStaffPage(null, url) as never;
	return {
		username: staff.username,
		roles: staff.roles,
		isAdmin: hasRole(staff, 'admin'),
		// Locked key material, so the browser can unlock after a reload without signing in again.
		keyMaterial: keyMaterial(user)
	};
};
