import { requireAdmin } from '$lib/server/auth/guard';
import { channelOverview } from '$lib/server/channels/admin';
import { countryName } from '$lib/server/channels/options';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		channels: channelOverview().map((summary) => ({ ...summary, countryName: countryName(summary.country) }))
	};
};
