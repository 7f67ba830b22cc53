import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { DEFAULT_SAFE_URL, defaultIntakeChannel } from '$lib/server/channels/keys';
import type { LayoutServerLoad } from './$types';

/** `/ar/` is answered as `/ar`, with no redirect round trip on a slow line. */
export const trailingSlash = 'ignore';

export const load: LayoutServerLoad = () => {
	const channel = defaultIntakeChannel();
	return {
		safeUrl: channel?.safeUrl ?? DEFAULT_SAFE_URL,
		layoutText: dictionary(getLocale(), ['exit_', 'site_title', 'page_', 'back_to_start'])
	};
};
