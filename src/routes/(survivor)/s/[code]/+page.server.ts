import { redirect } from '@sveltejs/kit';
import { baseLocale, isLocale, localizeHref } from '$lib/paraglide/runtime';
import { textDirection } from '$lib/i18n';
import { dictionary } from '$lib/server/i18n';
import { resolveJoinCode } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

/**
 * A session's join link: an open session starts the survivor flow in its first language with
 * the session attached; anything else gets a plain message and a way to the main site.
 */
export const load: PageServerLoad = ({ params }) => {
	const outcome = resolveJoinCode(params.code);
	if (outcome.kind === 'open') {
		const first = outcome.session.locales?.find(isLocale) ?? baseLocale;
		redirect(303, localizeHref(`/tell?s=${outcome.session.id}`, { locale: first }));
	}
	const locale = outcome.kind === 'closed' ? (outcome.session.locales?.find(isLocale) ?? baseLocale) : baseLocale;
	return {
		state: outcome.kind === 'closed' ? ('closed' as const) : ('unknown' as const),
		locale,
		dir: textDirection(locale),
		portal: localizeHref('/', { locale }),
		text: dictionary(locale, ['session_', 'site_title'])
	};
};
