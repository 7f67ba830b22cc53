import type { Locale } from '$lib/paraglide/runtime';

/** Scripts written right to left among the portal's locales. */
const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'fa-AF', 'ps', 'ur', 'ckb']);

export function textDirection(locale: string): 'rtl' | 'ltr' {
	return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/** Each language by its own name, in its own script, as a survivor would look for it. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	fr: 'Français',
	ar: 'العربية'
};
