import { getLocale, isLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n';
import { sessionById } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	// A facilitated session's language page: its languages first, and every link keeps the session.
	const sessionId = url.searchParams.get('s');
	const session = sessionId ? sessionById(sessionId) : null;
	const kiosk = Boolean(session) && url.searchParams.get('kiosk') === '1';
	return {
		// Kiosk texts only on a kiosk device: the first page stays small for everyone else.
		text: dictionary(getLocale(), kiosk ? ['language_', 'start_page_', 'kiosk_'] : ['language_', 'start_page_']),
		session: session
			? { id: session.id, locales: (session.locales ?? []).filter(isLocale), kiosk }
			: null
	};
};
