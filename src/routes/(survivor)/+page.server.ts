import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	text: dictionary(getLocale(), ['language_', 'start_page_'])
});
