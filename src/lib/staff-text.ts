/**
 * Staff pages' strings and formats in the staff member's language, read from the data the staff
 * layout loads (src/routes/staff/+layout.server.ts). Reactive wherever `page` is: a language
 * saved on the Account page shows at once.
 */
import { page } from '$app/state';
import {
	DEFAULT_STAFF_LOCALE,
	staffTranslator,
	type StaffDictionary,
	type StaffLocale,
	type StaffMessageKey,
	type StaffTranslate
} from '$lib/staff-i18n';

let current: { dictionary: StaffDictionary; translate: StaffTranslate } | null = null;

export function staffLocale(): StaffLocale {
	return (page.data.staffLocale as StaffLocale | undefined) ?? DEFAULT_STAFF_LOCALE;
}

/** A staff string in the staff member's language, placeholders filled. */
export function t(key: StaffMessageKey, params?: Record<string, string | number>): string {
	const dictionary = (page.data.staffMessages as StaffDictionary | undefined) ?? {};
	if (current?.dictionary !== dictionary) current = { dictionary, translate: staffTranslator(dictionary) };
	return current.translate(key, params);
}

/** "<page> · TRIPS Voice staff" for a page's title. */
export function pageTitle(key: StaffMessageKey): string {
	return t('staff_page_title', { page: t(key) });
}

/** A moment as staff read it, in their language and in UTC (the portal keeps UTC). */
export function formatDateTime(iso: string | Date | null | undefined): string {
	if (!iso) return '—';
	const time = new Intl.DateTimeFormat(staffLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'UTC'
	}).format(new Date(iso));
	return t('staff_time_utc', { time });
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(staffLocale()).format(value);
}

/** A share from 0 to 1 as a percentage, with at most `digits` decimals. */
export function formatPercent(share: number, digits = 0): string {
	return new Intl.NumberFormat(staffLocale(), { style: 'percent', maximumFractionDigits: digits }).format(share);
}
