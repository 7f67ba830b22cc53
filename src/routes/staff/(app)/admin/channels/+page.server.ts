import { requireAdmin } from '$lib/server/auth/guard';
import { channelOverview, countryName } from '$lib/server/channels/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		channels: channelOverview().map((summary) => ({ ...summary, countryName: countryName(summary.country) }))
	};
};
