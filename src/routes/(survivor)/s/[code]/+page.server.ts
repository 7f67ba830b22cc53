import { redirect } from '@sveltejs/kit';
import { baseLocale, isLocale, localizeHref } from '$lib/paraglide/runtime';
import { textDirection } from '$lib/i18n';
import { dictionary } from '$lib/server/i18n/dictionary';
import { resolveJoinCode } from '$lib/server/sessions/sessions';
import type { PageServerLoad } from './$types';

/**
 * A session's join link: an open session leads to its languages (or straight into the flow when
 * it offers one) with the session attached; anything else gets a plain message and a way to the
 * main site.
 */
export const load: PageServerLoad = ({ params }) => {
	const outcome = resolveJoinCode(params.code);
	if (outcome.kind === 'open') {
		const offered = (outcome.session.locales ?? []).filter(isLocale);
		const first = offered[0] ?? baseLocale;
		// One language: straight into the flow; several: the session's language page first.
		redirect(303, localizeHref(offered.length > 1 ? '/' : '/tell', { locale: first }) + `?s=${outcome.session.id}`);
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
