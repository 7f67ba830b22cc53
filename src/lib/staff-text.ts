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

/** A day as the portal keeps it (YYYY-MM-DD, UTC) in the staff member's language, without a time. */
export function formatDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : dayFormat().format(date);
}

/**
 * A first and last day as one range: the locale decides the order, the month names and how a
 * shared month or year is written once.
 */
export function formatDays(first: string, last: string): string {
	const start = new Date(`${first}T00:00:00Z`);
	const end = new Date(`${last}T00:00:00Z`);
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${first} – ${last}`;
	const format = dayFormat();
	return end < start ? `${format.format(start)} – ${format.format(end)}` : format.formatRange(start, end);
}

const dayFormat = () => new Intl.DateTimeFormat(staffLocale(), { dateStyle: 'medium', timeZone: 'UTC' });

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(staffLocale()).format(value);
}

/** A share from 0 to 1 as a percentage, with at most `digits` decimals. */
export function formatPercent(share: number, digits = 0): string {
	return new Intl.NumberFormat(staffLocale(), { style: 'percent', maximumFractionDigits: digits }).format(share);
}
