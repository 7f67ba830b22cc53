/**
 * Calendar days and months in UTC, the precision the portal keeps for anything a survivor
 * does. Every module that turns a moment into a day or a month does it here, so they agree.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in UTC at day precision: the only time a testimony carries. */
export function utcDay(now: Date): string {
	return now.toISOString().slice(0, 10);
}

/** The UTC month, `YYYY-MM`: the only time a research record carries. */
export function utcMonth(now: Date): string {
	return now.toISOString().slice(0, 7);
}
