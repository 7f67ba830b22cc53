import { requireAdmin } from '$lib/server/auth/guard';
import { countryOptions } from '$lib/server/channels/options';
import { grantableStaff } from '$lib/server/channels/admin';
import { DEFAULT_SAFE_URL } from '$lib/server/channels/keys';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireAdmin(locals.staff, url);
	return {
		countries: countryOptions(),
		staff: grantableStaff(),
		currentUserId: staff.id,
		defaultSafeUrl: DEFAULT_SAFE_URL
	};
};
