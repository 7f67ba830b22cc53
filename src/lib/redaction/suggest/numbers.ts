/**
 * Numbers: phones, long numbers, letter-and-digit codes (IBANs, passport numbers) and numeric
 * dates, read on a copy of the text whose digits of every decimal script are ASCII digits.
 */
import type { Candidate } from './types';

/** The zero of every decimal digit script in the Basic Multilingual Plane other than ASCII. */
const DIGIT_ZEROS = [
	0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
	0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50,
	0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10
];

/**
 * The text with every digit written as an ASCII digit, and nothing else changed, so that indices
 * into it are indices into the text. Digits outside the Basic Multilingual Plane take two code
 * units and are left as they are for that reason.
 */
export function withAsciiDigits(text: string): string {
	return text.replace(/(?![0-9])\p{Nd}/gu, (digit) => {
		if (digit.length !== 1) return digit;
		const code = digit.charCodeAt(0);
		const zero = DIGIT_ZEROS.find((candidate) => code - candidate >= 0 && code - candidate <= 9);
		return zero === undefined ? digit : String(code - zero);
	});
}

/**
 * Digits in groups joined by one separator each: a space, a dot, a dash, a slash or a bracket.
 * Every separator must be followed by a digit, so a match cannot end in punctuation, and no two
 * alternatives can consume the same characters, which keeps matching linear. Letters may touch
 * the digits: Chinese writes 电话0803…, and a lowercase passport number (a12345678) is still one.
 */
const NUMBER_RUN =
	/(?<!\p{N})(?:\+[ \u00a0]?)?\(?\d+(?:(?:[ \u00a0]?[-\u2010\u2011\u2013./][ \u00a0]?|[ \u00a0]|\)[ \u00a0]?|[ \u00a0]?\()\d+)*/gu;
/** d/m/y, m/d/y and y-m-d with one kind of separator, not part of a longer dotted or dashed number. */
const NUMERIC_DATE =
	/(?<!\d[ \u00a0]?[-./][ \u00a0]?)(?<!\d)(?:(\d{1,2})[ \u00a0]?([-./])[ \u00a0]?(\d{1,2})[ \u00a0]?\2[ \u00a0]?(\d{4}|\d{2})|(\d{4})([-./])(\d{1,2})\6(\d{1,2}))(?!\d)(?![ \u00a0]?[-./][ \u00a0]?\d)/g;
const AMOUNT_WITH_THOUSANDS_DOTS = /^\d{1,3}(?:\.\d{3})+$/;
/** "2016-2018", "2016/17", "2019 2020": years, which alone are not worth a suggestion. */
const YEARS_ONLY = /^(?:19|20)\d\d(?:[ \u00a0]?[-\u2013/][ \u00a0]?\d\d|(?:[^\d]+(?:19|20)\d\d)+)$/;
const MOST_PHONE_DIGITS = 15;
const FEWEST_PHONE_DIGITS = 7;
const FEWEST_LONG_NUMBER_DIGITS = 6;

export function findNumbers(asciiDigitText: string): Candidate[] {
	const found: Candidate[] = [];
	for (const run of asciiDigitText.matchAll(NUMBER_RUN)) {
		let pieceStart = 0;
		for (const date of run[0].matchAll(NUMERIC_DATE)) {
			if (!isPlausibleNumericDate(date)) continue;
			found.push({
				start: run.index + date.index,
				end: run.index + date.index + date[0].length,
				reason: 'date'
			});
			pushNumber(found, run[0], run.index, pieceStart, date.index);
			pieceStart = date.index + date[0].length;
		}
		pushNumber(found, run[0], run.index, pieceStart, run[0].length);
	}
	return found;
}

function isPlausibleNumericDate(date: RegExpMatchArray): boolean {
	const [, first, , second, year, isoYear, , isoMonth, isoDay] = date;
	if (isoYear !== undefined) {
		return isYearOfALifetime(Number(isoYear)) && isMonth(Number(isoMonth)) && isDay(Number(isoDay));
	}
	if (year.length === 4 && !isYearOfALifetime(Number(year))) return false;
	const [a, b] = [Number(first), Number(second)];
	return (isDay(a) && isMonth(b)) || (isMonth(a) && isDay(b));
}

const isYearOfALifetime = (year: number) => year >= 1900 && year <= 2099;
export const isMonth = (month: number) => month >= 1 && month <= 12;
export const isDay = (day: number) => day >= 1 && day <= 31;

function pushNumber(found: Candidate[], run: string, runStart: number, from: number, to: number): void {
	let start = from;
	let end = to;
	while (start < end && !/[\d+(]/.test(run[start])) start += 1;
	while (end > start && !/\d/.test(run[end - 1])) end -= 1;
	let number = run.slice(start, end);
	if (number.startsWith('(') && !number.includes(')')) {
		start += 1;
		number = number.slice(1);
	}
	const digitCount = number.replace(/\D/g, '').length;
	if (digitCount < FEWEST_LONG_NUMBER_DIGITS) return;
	if (AMOUNT_WITH_THOUSANDS_DOTS.test(number) || YEARS_ONLY.test(number)) return;
	found.push({
		start: runStart + start,
		end: runStart + end,
		reason: looksLikePhone(number, digitCount) ? 'phone' : 'long-number'
	});
}

function looksLikePhone(number: string, digitCount: number): boolean {
	const international = number.startsWith('+') || number.startsWith('(+') || number.startsWith('00');
	// 00 and a country code can add two digits to E.164's fifteen.
	const mostDigits = international ? MOST_PHONE_DIGITS + 2 : MOST_PHONE_DIGITS;
	if (digitCount < FEWEST_PHONE_DIGITS || digitCount > mostDigits) return false;
	if (international || number.startsWith('0') || number.startsWith('(')) return true;
	// A slash separates a case or file number's parts ("2021/123456") more often than a phone's,
	// except after an Italian mobile prefix ("333/1234567").
	if (number.includes('/')) return /^3\d{2}\//.test(number);
	return /\D/.test(number);
}

/** IBAN-like: country, check digits, then groups of four (IT60 X054 2811 1010 0000 0123 456). */
const IBAN_LIKE =
	/(?<![\p{Script=Latin}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z\d]{4}){2,8}(?:[ \u00a0]?[A-Z\d]{1,3})?(?![\p{Script=Latin}\p{N}])/gu;
/** One word of capitals and digits: passport, residence permit and tax codes (A12345678, RSSMRA85T10A562S). */
const CODE_OF_CAPITALS_AND_DIGITS =
	/(?<![\p{Script=Latin}\p{N}])(?=[A-Z\d]*[A-Z])(?=[A-Z\d]*\d)[A-Z\d]{6,}(?![\p{Script=Latin}\p{N}])/gu;

export function findLetterAndDigitCodes(asciiDigitText: string): Candidate[] {
	const found: Candidate[] = [];
	for (const pattern of [IBAN_LIKE, CODE_OF_CAPITALS_AND_DIGITS]) {
		for (const match of asciiDigitText.matchAll(pattern)) {
			if (match[0].replace(/\D/g, '').length < FEWEST_LONG_NUMBER_DIGITS) continue;
			found.push({ start: match.index, end: match.index + match[0].length, reason: 'long-number' });
		}
	}
	return found;
}
