import { requireAdmin } from '$lib/server/auth/guard';
import { countryOptions } from '$lib/server/channels/options';
import { grantableStaff } from '$lib/server/channels/admin';
import { DEFAULT_SAFE_URL } from '$lib/server/channels/keys';
import { staffLocaleFor } from '$lib/server/i18n/staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, request }) => {
	const staff = requireAdmin(locals.staff, url);
	return {
		countries: countryOptions(staffLocaleFor(staff, url, request.headers)),
		staff: grantableStaff(),
		currentUserId: staff.id,
		defaultSafeUrl: DEFAULT_SAFE_URL
	};
};
