import { getLocale, isLocale } from '$lib/paraglide/runtime';
import { dictionary } from './dictionary';
import { sessionById } from '../sessions/sessions';

/**
 * The language page's data. In a facilitated session (`?s=`) its languages come first and every
 * link keeps the session; `kiosk=1` marks the facilitator's shared device.
 */
export function languagePage(url: URL, prefixes: readonly string[]) {
	const sessionId = url.searchParams.get('s');
	const session = sessionId ? sessionById(sessionId) : null;
	return {
		text: dictionary(getLocale(), prefixes),
		session: session
			? {
					id: session.id,
					locales: (session.locales ?? []).filter(isLocale),
					kiosk: url.searchParams.get('kiosk') === '1'
				}
			: null
	};
}
