import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/server/i18n/dictionary';
import { isDemoPortal } from '$lib/server/ops/demo';
import type { LayoutServerLoad } from './$types';

/** On a demo portal only, every page says so: in the survivor's language, in English for staff. */
export const load: LayoutServerLoad = ({ route }) => {
	if (!isDemoPortal()) return { demoBanner: null };
	const staffPage = route.id?.startsWith('/staff') ?? false;
	return { demoBanner: translate(staffPage ? 'en' : getLocale(), 'demo_banner') };
};
