import { staffLocale } from '$lib/staff-text';

/**
 * A session's first and last day ("2026-03-10", days as the portal keeps them, in UTC) as one
 * range in the staff member's language: the locale decides the order, the month names and how
 * a shared month or year is written once.
 */
export function formatDays(first: string, last: string): string {
	const format = new Intl.DateTimeFormat(staffLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
	const start = new Date(`${first}T00:00:00Z`);
	const end = new Date(`${last}T00:00:00Z`);
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${first} – ${last}`;
	return end < start ? `${format.format(start)} – ${format.format(end)}` : format.formatRange(start, end);
}
