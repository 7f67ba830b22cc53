import { requireAdmin } from '$lib/server/auth/guard';
import { channelOverview } from '$lib/server/channels/admin';
import { countryName } from '$lib/server/channels/options';
import { staffLocaleFor } from '$lib/server/i18n/staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, request }) => {
	const staff = requireAdmin(locals.staff, url);
	const locale = staffLocaleFor(staff, url, request.headers);
	return {
		channels: channelOverview().map((summary) => ({ ...summary, countryName: countryName(summary.country, locale) }))
	};
};
