/**
 * Suggests spans of a testimony that a moderator may want to redact. Each suggestion is only that:
 * a person confirms or dismisses it, and nothing here redacts on its own. Pure and synchronous, so
 * it runs in the moderator's browser on plaintext that never leaves it.
 *
 * What it finds, in any script unless noted:
 * - email addresses and web addresses (http(s)://, www., or a bare domain with a common top-level
 *   domain such as example.org/path);
 * - phone numbers (7 or more digits, international or national, grouped with spaces, dots,
 *   dashes, slashes or parentheses), long numbers (6 or more digits, and letter-and-digit codes
 *   such as IBANs and passport numbers) and numeric dates, with digits of any decimal script
 *   (Arabic-Indic, Persian, Bengali, Devanagari, fullwidth…) read as digits;
 * - dates with a month name in English, French, Italian, Spanish, Dutch, Czech, Turkish, Albanian,
 *   Ukrainian, Arabic, Persian, Urdu, Bengali, Somali, Hausa or Tigrinya, and Chinese 年月日 dates.
 *   A year on its own ("in 2019") is not suggested: it is too common to be worth a click;
 * - places listed in ../places.ts, as whole words, ignoring case and Latin accents, also with Arabic
 *   clitics (بـ وـ لـ فـ كـ الـ), Amharic and Tigrinya prepositions and Bengali case endings attached;
 * - names: (a) further occurrences of names the moderator already redacted in this testimony,
 *   ignoring case and accents; (b) capitalised words after a title: "Mama Joy" suggests "Joy" and
 *   keeps the title, which tells a reader a role rather than who it is; (c) capitalised words that
 *   neither start a sentence nor are common capitalised words (I, days, months, languages,
 *   nationalities, religions, institutions, listed places); consecutive ones form one suggestion.
 *
 * Scripts without letter case (Arabic, Ge'ez, Bengali, Chinese…) get no (c): there only known
 * names, the word after a title ("السيد X", "مدام X", "ኣቶ X") and places are suggested.
 *
 * `locale` is accepted but does not narrow matching: testimonies mix languages and scripts (an
 * English testimony quotes "12 marzo" and "بطرابلس"), so every table applies to every text.
 *
 * This module runs the finders and keeps the longest of overlapping candidates. Each finder has a
 * module beside it: contacts.ts, numbers.ts (phones, long numbers, numeric dates), dates.ts (month
 * names), places.ts and names.ts, which share words.ts (folding), phrases.ts (word-by-word
 * matching), sentences.ts, months.ts and common-words.ts (titles and words that are never names).
 */
import { findEmails, findUrls } from './contacts';
import { findChineseDates, findMonthNameDates } from './dates';
import { findCapitalisedNames, findKnownNames, findTitleNames } from './names';
import { findLetterAndDigitCodes, findNumbers, withAsciiDigits } from './numbers';
import { findUnspacedPhrases } from './phrases';
import { findPlaces, HAN_PLACE_NAMES } from './places';
import type { Candidate, RedactionCategory, RedactionSuggestion, SuggestionOptions, SuggestionReason } from './types';
import { wordsOf } from './words';

export type { RedactionCategory, RedactionSuggestion, SuggestionOptions, SuggestionReason } from './types';

const CATEGORY_BY_REASON: Readonly<Record<SuggestionReason, RedactionCategory>> = Object.freeze({
	email: 'CONTACT',
	url: 'CONTACT',
	phone: 'CONTACT',
	date: 'DATE',
	'long-number': 'OTHER',
	place: 'PLACE',
	'title-name': 'NAME',
	'capitalised-name': 'NAME'
});

/** Of two overlapping candidates of equal length, the more specific reason wins. */
const SPECIFICITY_BY_REASON: Readonly<Record<SuggestionReason, number>> = Object.freeze({
	email: 8,
	url: 7,
	phone: 6,
	date: 5,
	'long-number': 4,
	place: 3,
	'title-name': 2,
	'capitalised-name': 1
});

export function suggestRedactions(text: string, options: SuggestionOptions = {}): RedactionSuggestion[] {
	const asciiDigitText = withAsciiDigits(text);
	const words = wordsOf(text);
	const places = [...findPlaces(text, words), ...findUnspacedPhrases(text, HAN_PLACE_NAMES, 'place')];
	const insidePlace = new Uint8Array(text.length);
	for (const place of places) insidePlace.fill(1, place.start, place.end);

	const candidates: Candidate[] = [
		...findEmails(text),
		...findUrls(text),
		...findNumbers(asciiDigitText),
		...findLetterAndDigitCodes(asciiDigitText),
		...findMonthNameDates(asciiDigitText, words),
		...findChineseDates(asciiDigitText),
		...places,
		...findKnownNames(text, words, options.knownNames ?? []),
		...findTitleNames(text, words, insidePlace),
		...findCapitalisedNames(text, words, insidePlace)
	];
	return keepLongestWithoutOverlap(candidates, text.length).map((candidate) => ({
		start: candidate.start,
		end: candidate.end,
		text: text.slice(candidate.start, candidate.end),
		category: CATEGORY_BY_REASON[candidate.reason],
		reason: candidate.reason
	}));
}

/**
 * Longest first, then the more specific reason. Greedy, so two short candidates can lose to one
 * long one that overlaps both: the moderator still sees the whole span.
 */
function keepLongestWithoutOverlap(candidates: Candidate[], textLength: number): Candidate[] {
	const ranked = [...candidates].sort(
		(a, b) =>
			b.end - b.start - (a.end - a.start) ||
			SPECIFICITY_BY_REASON[b.reason] - SPECIFICITY_BY_REASON[a.reason] ||
			a.start - b.start
	);
	const taken = new Uint8Array(textLength);
	const kept: Candidate[] = [];
	for (const candidate of ranked) {
		if (candidate.end <= candidate.start || taken.subarray(candidate.start, candidate.end).includes(1)) {
			continue;
		}
		taken.fill(1, candidate.start, candidate.end);
		kept.push(candidate);
	}
	return kept.sort((a, b) => a.start - b.start);
}
