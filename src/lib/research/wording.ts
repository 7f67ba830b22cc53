import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';
import type { ProtectedCount } from './small-numbers';
import type { AnswerTextKind } from './types';

/*
 * How the analysis pages (agreement, quotes, patterns) word and format what they show, in the
 * staff member's language. Views and label builders take a `Wording` rather than reading page
 * state, so they can be tested in any locale; its `locale` is read each time, so a language
 * saved on the Account page shows at once.
 */

export type Wording = { t: StaffTranslate; locale: () => string };

/** One message for one, another for any other count, the count formatted for the locale. */
export function counted(
	wording: Wording,
	n: number,
	one: StaffMessageKey,
	other: StaffMessageKey,
	params: Record<string, string | number> = {}
): string {
	return wording.t(n === 1 ? one : other, { ...params, count: formatCount(wording.locale(), n) });
}

export function formatCount(locale: string, value: number): string {
	return new Intl.NumberFormat(locale).format(value);
}

/**
 * A month as the portal keeps it (`YYYY-MM`) in words: "avril 2026", or "avr. 2026" where room
 * is scarce (chart axes). Anything else is shown as it is.
 */
export function formatMonth(locale: string, month: string, length: 'long' | 'short' = 'long'): string {
	const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
	if (!match) return month;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
	return new Intl.DateTimeFormat(locale, { month: length, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A day kept as `YYYY-MM-DD` in the locale's words, for a printed report's date. */
export function formatDate(locale: string, day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime())
		? day
		: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function displayName(locale: string, type: 'region' | 'language', code: string): string {
	try {
		return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** A country's name in the locale from its ISO 3166 code ("Italie" for IT); the code when unknown. */
export function countryIn(locale: string, code: string): string {
	return displayName(locale, 'region', code);
}

/** A language's name in the locale from its BCP 47 tag ("tigrigna" for ti); the tag when unknown. */
export function languageIn(locale: string, tag: string): string {
	return displayName(locale, 'language', tag);
}

/** "a, b and c" as the locale joins a list. */
export function listIn(locale: string, items: readonly string[]): string {
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

const KIND_KEYS: Record<AnswerTextKind, StaffMessageKey> = {
	text: 'staff_analysis_kind_text',
	transcript: 'staff_analysis_kind_transcript',
	translation: 'staff_analysis_kind_translation',
	englishTranslation: 'staff_analysis_kind_english_translation'
};

/** What a kind of answer text is called ("Original text", "Transcript"…). */
export function kindName(wording: Wording, kind: AnswerTextKind): string {
	return wording.t(KIND_KEYS[kind]);
}

/** A protected count as shown: a number in the locale's digits, or its "<5" or "—" as it is. */
export function shownCount(locale: string, count: ProtectedCount): string {
	return count.kind === 'count' ? formatCount(locale, count.value) : count.label;
}
