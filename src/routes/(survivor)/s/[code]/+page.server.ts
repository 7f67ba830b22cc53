import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { joinPath, sessionLocales, sessionPageLocale } from '$lib/server/sessions/languages';
import { resolveJoinCode } from '$lib/server/sessions/sessions';
import type { PageServerLoad } from './$types';

/**
 * A session's join link. An open session gets a join page, a closed one a plain message; both
 * speak the language the link names when the session offers it, otherwise the session's first,
 * and let the person choose among the session's languages. A wrong code is answered in the
 * link's language. The whole page (exit button, document language and direction) follows the
 * URL, so a session page in another language is a redirect to that language's link.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const outcome = resolveJoinCode(params.code);
	const text = dictionary(getLocale(), ['session_', 'site_title']);
	const portal = localizeHref('/');
	if (outcome.kind === 'unknown') return { state: 'unknown' as const, text, portal, languages: [], session: null };

	const { session } = outcome;
	const joinCode = session.joinCode ?? '';
	const offered = sessionLocales(session);
	const shown = sessionPageLocale(offered, getLocale());
	const path = joinPath(joinCode, shown);
	if (url.pathname !== path) redirect(303, path);

	const languages = offered.map((locale) => ({ locale, href: joinPath(joinCode, locale) }));
	if (outcome.kind === 'closed') return { state: 'closed' as const, text, portal, languages, session: null };
	return {
		state: 'open' as const,
		text,
		portal,
		languages,
		session: {
			begin: `${localizeHref('/tell')}?s=${session.id}`,
			// The full language page, the session's languages first, for a language it does not offer.
			otherLanguages: `${portal}?s=${session.id}`
		}
	};
};
