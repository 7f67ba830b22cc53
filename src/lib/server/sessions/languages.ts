/** Which of a session's languages its pages and its printed sheet are shown in. */
import { baseLocale, isLocale, localizeHref, type Locale } from '$lib/paraglide/runtime';
import { textDirection, type Dictionary } from '$lib/i18n';
import { serverConfig } from '../config';
import { dictionary } from '../i18n/dictionary';
import type { FacilitationSession } from './tables';

/** The session's languages in the facilitator's order, each once; the base locale if none is known. */
export function sessionLocales(session: Pick<FacilitationSession, 'locales'>): Locale[] {
	const known = [...new Set((session.locales ?? []).filter(isLocale))];
	return known.length > 0 ? known : [baseLocale];
}

/**
 * The language a session's join or closed page speaks: the one its link names when the session
 * offers it (the person chose it, or the sheet printed it), otherwise the session's first.
 */
export function sessionPageLocale(offered: readonly Locale[], linkLocale: Locale): Locale {
	return offered.includes(linkLocale) ? linkLocale : (offered[0] ?? linkLocale);
}

/** The join page of a session in one language, as a path (`/so/s/CODE`; the base locale has no prefix). */
export function joinPath(joinCode: string, locale: Locale): string {
	return localizeHref(`/s/${joinCode}`, { locale });
}

export type SheetLanguage = {
	locale: Locale;
	dir: 'ltr' | 'rtl';
	/** The join link in this language, in full, as printed. */
	link: string;
	text: Dictionary;
};

/** The printed sheet speaks every language of the session, each with the link to its own join page. */
export function sheetLanguages(session: Pick<FacilitationSession, 'locales' | 'joinCode'>): SheetLanguage[] {
	const origin = serverConfig().origin;
	return sessionLocales(session).map((locale) => ({
		locale,
		dir: textDirection(locale),
		link: `${origin}${joinPath(session.joinCode ?? '', locale)}`,
		text: dictionary(locale, ['sheet_', 'exit_button'])
	}));
}
