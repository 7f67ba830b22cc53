/**
 * Dates with month names ("3rd of March 2021", "12 marzo", "May 3"), and Chinese 年月日 dates.
 * Numeric dates are found with the other numbers, in numbers.ts.
 */
import { MONTH_KEYS } from './months';
import { isDay, isMonth } from './numbers';
import type { Candidate } from './types';
import { STARTS_UPPERCASE, type Word } from './words';

/** A day before the month: "3 ", "3rd of ", "1er ", "12 de ", "12. ". Read from a short window. */
const DAY_BEFORE_MONTH =
	/(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th|er|re|e|ème|eme|º|°|ª)?\.?[ \u00a0]*(?:(?:de|of|the|el)[ \u00a0]+)?$/iu;
/** A year after the month: " 2021", " de 2021", ", 2021". */
const YEAR_AFTER_MONTH = /^\.?,?[ \u00a0]*(?:(?:de|del|of)[ \u00a0]+)?((?:19|20)\d\d)(?!\d)/iu;
/**
 * A day, and perhaps a year, after the month: " 3", " 3rd, 2021". Only languages that capitalise
 * months write the day after, so the month must be capitalised: "I may 2…" is not a date.
 */
const DAY_AFTER_MONTH = /^\.?[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?[ \u00a0]+((?:19|20)\d\d)(?!\d))?/iu;
const DATE_CONTEXT_WINDOW = 24;

export function findMonthNameDates(asciiDigitText: string, words: readonly Word[]): Candidate[] {
	const found: Candidate[] = [];
	for (const word of words) {
		if (!MONTH_KEYS.has(word.key)) continue;
		const windowStart = Math.max(0, word.start - DATE_CONTEXT_WINDOW);
		const before = DAY_BEFORE_MONTH.exec(asciiDigitText.slice(windowStart, word.start));
		const after = asciiDigitText.slice(word.end, word.end + DATE_CONTEXT_WINDOW);
		const yearAfter = YEAR_AFTER_MONTH.exec(after);
		const monthCapitalised = STARTS_UPPERCASE.test(asciiDigitText.slice(word.start, word.end));
		const dayAfter = before || yearAfter || !monthCapitalised ? null : DAY_AFTER_MONTH.exec(after);
		const dayBefore = before && isDay(Number(before[1])) ? before : null;
		if (!dayBefore && !yearAfter && !(dayAfter && isDay(Number(dayAfter[1])))) continue;
		found.push({
			start: dayBefore ? windowStart + dayBefore.index : word.start,
			end: word.end + (yearAfter?.[0].length ?? dayAfter?.[0].length ?? 0),
			reason: 'date'
		});
	}
	return found;
}

const CHINESE_DATE =
	/(?:(\d{4})[ \u00a0]?年[ \u00a0]?)?(\d{1,2})[ \u00a0]?月(?:[ \u00a0]?(\d{1,2})[ \u00a0]?[日号])?/gu;

export function findChineseDates(asciiDigitText: string): Candidate[] {
	const found: Candidate[] = [];
	for (const match of asciiDigitText.matchAll(CHINESE_DATE)) {
		const [, year, month, day] = match;
		if (!isMonth(Number(month)) || (year === undefined && day === undefined)) continue;
		if (day !== undefined && !isDay(Number(day))) continue;
		found.push({ start: match.index, end: match.index + match[0].length, reason: 'date' });
	}
	return found;
}
