import type { Locale } from '$lib/paraglide/runtime';
import type * as messages from '$lib/paraglide/messages';

/** Scripts written right to left among the portal's locales. */
const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'fa-AF', 'ps', 'ur', 'ckb']);

export function textDirection(locale: string): 'rtl' | 'ltr' {
	return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/** Each language by its own name, in its own script, as a survivor would look for it. */
export const LOCALE_NAMES: Record<string, string> = {
	en: 'English',
	fr: 'Français',
	it: 'Italiano',
	nl: 'Nederlands',
	cs: 'Čeština',
	pcm: 'Naijá',
	ar: 'العربية',
	'fa-AF': 'دری',
	ps: 'پښتو',
	ur: 'اردو',
	ckb: 'کوردی',
	ti: 'ትግርኛ',
	so: 'Soomaali',
	ha: 'Hausa',
	bn: 'বাংলা',
	es: 'Español',
	zh: '中文',
	sq: 'Shqip',
	uk: 'Українська',
	tr: 'Türkçe'
};

export function localeName(locale: Locale | string): string {
	return LOCALE_NAMES[locale] ?? locale;
}

export type MessageKey = Exclude<keyof typeof messages, 'm'>;

/** Translated templates for one locale, `{name}` placeholders left in place. */
export type Dictionary = Partial<Record<MessageKey, string>>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Survivor pages receive the few strings they need, in one locale, from the server, and fill
 * placeholders here. Shipping paraglide's message functions instead would send every one of
 * the twenty translations of every string to a phone on a slow line.
 */
export function translator(dictionary: Dictionary): Translate {
	return (key, params) => fillPlaceholders(dictionary[key] ?? key, params);
}

/** `{name}` replaced by `params.name`; a placeholder without a value stays as it is. */
export function fillPlaceholders(template: string, params?: Record<string, string | number>): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
