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
 * - places listed in places.ts, as whole words, ignoring case and Latin accents, also with Arabic
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
 */
import { PLACE_NAMES_ALSO_COMMON_WORDS, PLACE_NAMES_BY_COUNTRY } from './places';

export type RedactionCategory = 'NAME' | 'PLACE' | 'DATE' | 'ORGANISATION' | 'CONTACT' | 'OTHER';

export type SuggestionReason =
	'email' | 'phone' | 'url' | 'long-number' | 'date' | 'place' | 'capitalised-name' | 'title-name';

export type RedactionSuggestion = {
	/** UTF-16 index into the text (a JavaScript string index). */
	start: number;
	/** Exclusive. */
	end: number;
	/** text.slice(start, end) */
	text: string;
	/** The placeholder category to apply if the moderator confirms. */
	category: RedactionCategory;
	reason: SuggestionReason;
};

export type SuggestionOptions = {
	/** Names the moderator already redacted elsewhere in this testimony. */
	knownNames?: readonly string[];
	/** The testimony's language (BCP 47); see the module comment on why it does not narrow. */
	locale?: string;
};

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

type Candidate = { start: number; end: number; reason: SuggestionReason };

export function suggestRedactions(
	text: string,
	options: SuggestionOptions = {}
): RedactionSuggestion[] {
	const asciiDigitText = withAsciiDigits(text);
	const words = wordsOf(text);
	const places = [
		...findPlaces(text, words),
		...findUnspacedPhrases(text, HAN_PLACE_NAMES, 'place')
	];
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
		if (
			candidate.end <= candidate.start ||
			taken.subarray(candidate.start, candidate.end).includes(1)
		) {
			continue;
		}
		taken.fill(1, candidate.start, candidate.end);
		kept.push(candidate);
	}
	return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Words and folding

type Word = { start: number; end: number; key: string };

const WORD = /[\p{L}\p{M}]+/gu;

function wordsOf(text: string): Word[] {
	const words: Word[] = [];
	for (const match of text.matchAll(WORD)) {
		words.push({
			start: match.index,
			end: match.index + match[0].length,
			key: foldForMatching(match[0])
		});
	}
	return words;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
/** Latin, Greek and Cyrillic accents after decomposition; Arabic vowel marks, hamza and tatweel. */
const IGNORED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;
/** Letters that carry their accent without decomposing, and Persian and Urdu forms of Arabic letters. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = Object.freeze({
	ı: 'i',
	ł: 'l',
	đ: 'd',
	ø: 'o',
	ħ: 'h',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	'\u06cc': '\u064a', // Persian yeh → Arabic yeh
	'\u06a9': '\u0643', // keheh → kaf
	'\u06c1': '\u0647' // heh goal → heh
});
const FOLDABLE_LETTERS = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');

/** Case-, accent- and compatibility-insensitive form of a word, for lookups only. */
function foldForMatching(word: string): string {
	if (ASCII_ONLY.test(word)) return word.toLowerCase();
	return word
		.normalize('NFKD')
		.replace(IGNORED_MARKS, '')
		.toLowerCase()
		.replace(FOLDABLE_LETTERS, (letter) => FOLDED_LETTERS[letter]);
}

const foldAll = (words: readonly string[]): Set<string> => new Set(words.map(foldForMatching));

const HAS_CASE = /[\p{Lu}\p{Ll}\p{Lt}]/u;
const STARTS_UPPERCASE = /^[\p{Lu}\p{Lt}]/u;
const STARTS_WITH_CASED_LETTER = /^[\p{Lu}\p{Ll}\p{Lt}]/u;
const HAS_LOWERCASE = /\p{Ll}/u;
const IS_HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------------------------------------
// Phrases: places and known names, matched word by word

type Phrase = { keys: readonly string[]; onlyWhenCapitalised: boolean };
type PhraseIndex = ReadonlyMap<string, readonly Phrase[]>;

function buildPhraseIndex(phrases: Iterable<Phrase>): PhraseIndex {
	const index = new Map<string, Phrase[]>();
	for (const phrase of phrases) {
		if (phrase.keys.length === 0) continue;
		const withSameFirstWord = index.get(phrase.keys[0]) ?? [];
		withSameFirstWord.push(phrase);
		index.set(phrase.keys[0], withSameFirstWord);
	}
	for (const withSameFirstWord of index.values()) {
		withSameFirstWord.sort((a, b) => b.keys.length - a.keys.length);
	}
	return index;
}

const phraseKeys = (phrase: string): string[] => wordsOf(phrase).map((word) => word.key);

/** Words of a place or name may be separated by spaces, a hyphen or an apostrophe. */
const GAP_INSIDE_PHRASE = /^(?:\s+|\s*[-\u2010\u2011'\u2019]\s*)$/u;

type AffixRule = {
	script: RegExp;
	minimumStemLength: number;
	prefixes: readonly string[];
	/** Written before a word that starts with the article ال, whose alif is then dropped: لل = ل + ال. */
	prefixesBeforeArticle: readonly string[];
	suffixes: readonly string[];
};

/** Written in natural spelling; folded when the module loads. */
const AFFIX_RULES: readonly AffixRule[] = [
	{
		script: /^\p{Script=Arabic}/u,
		minimumStemLength: 3,
		// prettier-ignore
		prefixes: ['و', 'ب', 'ل', 'ف', 'ك', 'ال', 'وب', 'ول', 'فب', 'فل', 'وال', 'بال', 'فال', 'كال', 'وبال'],
		prefixesBeforeArticle: ['لل', 'ولل', 'فلل'],
		suffixes: []
	},
	{
		script: /^\p{Script=Ethiopic}/u,
		minimumStemLength: 2,
		prefixes: ['በ', 'ከ', 'ለ', 'ብ', 'ን'],
		prefixesBeforeArticle: [],
		suffixes: []
	},
	{
		script: /^\p{Script=Bengali}/u,
		minimumStemLength: 2,
		prefixes: [],
		prefixesBeforeArticle: [],
		suffixes: ['ে', 'র', 'এ', 'য়', 'তে', 'ের', 'কে', 'য়ে']
	}
].map((rule) => ({
	...rule,
	prefixes: rule.prefixes.map(foldForMatching),
	prefixesBeforeArticle: rule.prefixesBeforeArticle.map(foldForMatching),
	suffixes: rule.suffixes.map(foldForMatching)
}));
const ARABIC_ARTICLE = 'ال';

/** A word's key with clitics or case endings removed; lengths are in folded code units. */
type Stem = { key: string; prefixLength: number; suffixLength: number };

function stemsOf(key: string): Stem[] {
	const stems: Stem[] = [{ key, prefixLength: 0, suffixLength: 0 }];
	const rule =
		key.charCodeAt(0) >= 0x0600 ? AFFIX_RULES.find(({ script }) => script.test(key)) : undefined;
	if (!rule) return stems;
	const longEnough = (stem: string) => stem.length >= rule.minimumStemLength;
	const withoutPrefix: Stem[] = [];
	for (const prefix of rule.prefixes) {
		const rest = key.slice(prefix.length);
		if (key.startsWith(prefix) && longEnough(rest)) {
			withoutPrefix.push({ key: rest, prefixLength: prefix.length, suffixLength: 0 });
		}
	}
	for (const prefix of rule.prefixesBeforeArticle) {
		const rest = key.slice(prefix.length);
		if (key.startsWith(prefix) && longEnough(rest)) {
			withoutPrefix.push({
				key: ARABIC_ARTICLE + rest,
				prefixLength: prefix.length,
				suffixLength: 0
			});
		}
	}
	const withoutSuffix: Stem[] = [];
	for (const stem of [stems[0], ...withoutPrefix]) {
		for (const suffix of rule.suffixes) {
			const rest = stem.key.slice(0, -suffix.length);
			if (stem.key.endsWith(suffix) && longEnough(rest)) {
				withoutSuffix.push({ ...stem, key: rest, suffixLength: suffix.length });
			}
		}
	}
	return [...stems, ...withoutPrefix, ...withoutSuffix];
}

/** Where, in the written word, the first `foldedLength` code units of its folded key end. */
function writtenLengthOfFoldedPrefix(written: string, foldedLength: number): number {
	if (foldedLength === 0) return 0;
	let offset = 0;
	for (const character of written) {
		offset += character.length;
		if (foldForMatching(written.slice(0, offset)).length >= foldedLength) break;
	}
	// Marks written on the last letter of the prefix belong to it.
	while (
		offset < written.length &&
		foldForMatching(written.slice(0, offset + 1)).length === foldedLength
	) {
		offset += 1;
	}
	return offset;
}

function writtenLengthOfFoldedSuffix(written: string, foldedLength: number): number {
	if (foldedLength === 0) return 0;
	const foldedWord = foldForMatching(written);
	const stemLength = writtenLengthOfFoldedPrefix(written, foldedWord.length - foldedLength);
	return written.length - stemLength;
}

type PhraseMatch = { start: number; end: number; lastWord: number; phrase: Phrase };

function matchPhraseAt(
	text: string,
	words: readonly Word[],
	first: number,
	index: PhraseIndex
): PhraseMatch | undefined {
	const head = words[first];
	for (const stem of stemsOf(head.key)) {
		for (const phrase of index.get(stem.key) ?? []) {
			const lastWord = first + phrase.keys.length - 1;
			if (lastWord >= words.length) continue;
			if (phrase.keys.length > 1 && stem.suffixLength > 0) continue;
			let tailSuffixLength = phrase.keys.length === 1 ? stem.suffixLength : 0;
			let matches = true;
			for (let offset = 1; matches && offset < phrase.keys.length; offset++) {
				const word = words[first + offset];
				const expected = phrase.keys[offset];
				if (!GAP_INSIDE_PHRASE.test(text.slice(words[first + offset - 1].end, word.start))) {
					matches = false;
				} else if (word.key !== expected) {
					const endingStem =
						first + offset === lastWord
							? stemsOf(word.key).find(
									(candidate) => candidate.prefixLength === 0 && candidate.key === expected
								)
							: undefined;
					if (endingStem) tailSuffixLength = endingStem.suffixLength;
					else matches = false;
				}
			}
			if (!matches) continue;
			const tail = words[lastWord];
			return {
				start:
					head.start +
					writtenLengthOfFoldedPrefix(text.slice(head.start, head.end), stem.prefixLength),
				end:
					tail.end -
					writtenLengthOfFoldedSuffix(text.slice(tail.start, tail.end), tailSuffixLength),
				lastWord,
				phrase
			};
		}
	}
	return undefined;
}

function findPhrases(
	text: string,
	words: readonly Word[],
	index: PhraseIndex,
	reason: SuggestionReason,
	capitalOnlyCountsMidSentence: boolean
): Candidate[] {
	const found: Candidate[] = [];
	for (let first = 0; first < words.length; first++) {
		const match = matchPhraseAt(text, words, first, index);
		if (!match) continue;
		if (match.phrase.onlyWhenCapitalised) {
			const capitalised = STARTS_UPPERCASE.test(text.slice(match.start, match.end));
			if (!capitalised || (capitalOnlyCountsMidSentence && startsSentence(text, match.start)))
				continue;
		}
		found.push({ start: match.start, end: match.end, reason });
		first = match.lastWord;
	}
	return found;
}

/** Chinese is written without spaces between words, so its names are found inside running text. */
function findUnspacedPhrases(
	text: string,
	phrases: readonly string[],
	reason: SuggestionReason
): Candidate[] {
	const found: Candidate[] = [];
	for (const phrase of phrases) {
		for (
			let start = text.indexOf(phrase);
			start !== -1;
			start = text.indexOf(phrase, start + phrase.length)
		) {
			found.push({ start, end: start + phrase.length, reason });
		}
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// Places

const ALL_PLACE_NAMES = Object.values(PLACE_NAMES_BY_COUNTRY).flat();
const HAN_PLACE_NAMES = ALL_PLACE_NAMES.filter((name) => IS_HAN.test(name));
const PLACE_KEYS_ALSO_COMMON_WORDS = new Set(
	PLACE_NAMES_ALSO_COMMON_WORDS.map((name) => phraseKeys(name).join(' '))
);
const PLACE_INDEX = buildPhraseIndex(
	ALL_PLACE_NAMES.filter((name) => !IS_HAN.test(name)).map((name) => {
		const keys = phraseKeys(name);
		return { keys, onlyWhenCapitalised: PLACE_KEYS_ALSO_COMMON_WORDS.has(keys.join(' ')) };
	})
);

function findPlaces(text: string, words: readonly Word[]): Candidate[] {
	return findPhrases(text, words, PLACE_INDEX, 'place', true);
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Known names are reported as 'capitalised-name': SuggestionReason has no reason of its own for
 * them, and the category (NAME) is what the moderator applies.
 */
function findKnownNames(
	text: string,
	words: readonly Word[],
	knownNames: readonly string[]
): Candidate[] {
	const phrases: Phrase[] = [];
	const unspaced: string[] = [];
	const fullNameKeys = new Set<string>();
	for (const name of knownNames) {
		const trimmed = name.trim();
		if (IS_HAN.test(trimmed)) {
			unspaced.push(trimmed);
			continue;
		}
		const keys = phraseKeys(trimmed);
		if (keys.length === 0) continue;
		phrases.push({ keys, onlyWhenCapitalised: false });
		fullNameKeys.add(keys.join(' '));
	}
	// Each part of a known full name, written capitalised, is very likely the same person
	// ("Blessing Okoro" … "Okoro said"). Scripts without case are left out: there a part alone is
	// too often an ordinary word (Arabic علي is also "on me").
	for (const name of knownNames) {
		const parts = wordsOf(name);
		if (parts.length < 2) continue;
		for (const part of parts) {
			const written = name.slice(part.start, part.end);
			if (!HAS_CASE.test(written) || [...written].length < 2) continue;
			if (fullNameKeys.has(part.key) || TITLES.has(part.key) || isCommonCapitalisedWord(part.key))
				continue;
			phrases.push({ keys: [part.key], onlyWhenCapitalised: true });
		}
	}
	return [
		...findPhrases(text, words, buildPhraseIndex(phrases), 'capitalised-name', false),
		...findUnspacedPhrases(text, unspaced, 'capitalised-name')
	];
}

// prettier-ignore
const TITLES = foldAll([
	'Mr', 'Mrs', 'Ms', 'Miss', 'Mister', 'Missus', 'Dr', 'Doctor', 'Prof', 'Professor', 'Madam',
	'Madame', 'Mme', 'Mlle', 'Mademoiselle', 'Monsieur', 'Mama', 'Mamma', 'Mummy', 'Mommy', 'Oga',
	'Aunty', 'Auntie', 'Aunt', 'Uncle', 'Sister', 'Brother', 'Bro', 'Pastor', 'Father', 'Reverend',
	'Rev', 'Chief', 'Boss', 'Alhaji', 'Alhaja', 'Hajiya', 'Haji', 'Hajji', 'Malam', 'Mallam', 'Baba',
	'Oba', 'Sheikh', 'Shaikh', 'Abu', 'Mullah', 'Signor', 'Signore', 'Signora', 'Signorina',
	'Dottore', 'Dottor', 'Dottoressa', 'Avvocato', 'Don', 'Doña', 'Señor', 'Señora', 'Señorita',
	'Sr', 'Sra', 'Srta', 'Meneer', 'Mevrouw', 'Juffrouw', 'Pan', 'Paní', 'Slečna', 'Zoti', 'Zonja',
	'Ato', 'Woizero', 'Пан', 'Пані', 'Пане', 'Господин', 'Госпожа', 'Мадам', 'Κύριος', 'Κυρία',
	'السيد', 'السيدة', 'سيد', 'مدام', 'الحاج', 'الحاجة', 'حاج', 'حاجي', 'الشيخ', 'شيخ', 'أبو', 'الدكتور',
	'دكتور', 'الأستاذ', 'أستاذ', 'ماما', 'آقای', 'آقا', 'خانم', 'جناب', 'ملا', 'ኣቶ', 'አቶ', 'ወይዘሮ',
	'ዶክተር', 'জনাব', 'মিস্টার', 'মিসেস'
]);
/** Abbreviated titles that are only titles when written with their full stop ("M. Diallo"). */
const TITLES_WRITTEN_WITH_FULL_STOP = foldAll(['M', 'Sig', 'Dott', 'Avv', 'Dhr', 'Mevr', 'Mw']);
const GAP_AFTER_TITLE = /^(?:\.[ \u00a0]*|[ \u00a0]+)$/u;
const GAP_AFTER_ABBREVIATED_TITLE = /^\.[ \u00a0]*$/u;
const GAP_INSIDE_NAME = /^(?:[ \u00a0]+|[-\u2010\u2011])$/u;
const MOST_WORDS_AFTER_A_TITLE = 3;

function findTitleNames(
	text: string,
	words: readonly Word[],
	insidePlace: Uint8Array
): Candidate[] {
	const found: Candidate[] = [];
	for (let index = 0; index + 1 < words.length; index++) {
		const title = words[index];
		const gap = text.slice(title.end, words[index + 1].start);
		const isTitle =
			(TITLES.has(title.key) && GAP_AFTER_TITLE.test(gap)) ||
			(TITLES_WRITTEN_WITH_FULL_STOP.has(title.key) && GAP_AFTER_ABBREVIATED_TITLE.test(gap));
		if (!isTitle) continue;
		const first = words[index + 1];
		const firstWritten = text.slice(first.start, first.end);
		if (!STARTS_WITH_CASED_LETTER.test(firstWritten)) {
			// Without case there is no telling where the name ends: suggest the one word after the
			// title. Chinese runs whole sentences together as one "word", so it is left out.
			if (!TITLES.has(first.key) && !insidePlace[first.start] && !IS_HAN.test(firstWritten)) {
				found.push({ start: first.start, end: first.end, reason: 'title-name' });
			}
			continue;
		}
		let last = index;
		while (
			last + 1 < words.length &&
			last - index < MOST_WORDS_AFTER_A_TITLE &&
			isNameWord(text, words[last + 1], insidePlace) &&
			(last === index || GAP_INSIDE_NAME.test(text.slice(words[last].end, words[last + 1].start)))
		) {
			last += 1;
		}
		if (last > index)
			found.push({ start: first.start, end: words[last].end, reason: 'title-name' });
	}
	return found;
}

function findCapitalisedNames(
	text: string,
	words: readonly Word[],
	insidePlace: Uint8Array
): Candidate[] {
	const found: Candidate[] = [];
	let run: Word[] = [];
	const closeRun = () => {
		// The first word of a sentence is capitalised anyway, so it is no evidence of a name.
		const named =
			run.length > 0 && startsSentence(text, nameStart(text, run[0])) ? run.slice(1) : run;
		if (named.length > 0) {
			found.push({
				start: nameStart(text, named[0]),
				end: named[named.length - 1].end,
				reason: 'capitalised-name'
			});
		}
		run = [];
	};
	for (const word of words) {
		if (!isNameWord(text, word, insidePlace)) {
			closeRun();
			continue;
		}
		const previous = run[run.length - 1];
		if (previous && !GAP_INSIDE_NAME.test(text.slice(previous.end, word.start))) closeRun();
		run.push(word);
	}
	closeRun();
	return found;
}

/** A name like O'Brien or D'Angelo starts with the capital and apostrophe before the word. */
const ELIDED_CAPITAL_BEFORE = /(?:^|[^\p{L}\p{M}])[\p{Lu}]['\u2019]$/u;

function nameStart(text: string, word: Word): number {
	return ELIDED_CAPITAL_BEFORE.test(text.slice(Math.max(0, word.start - 3), word.start))
		? word.start - 2
		: word.start;
}

function isNameWord(text: string, word: Word, insidePlace: Uint8Array): boolean {
	const written = text.slice(word.start, word.end);
	return (
		STARTS_UPPERCASE.test(written) &&
		HAS_LOWERCASE.test(written) &&
		!insidePlace[word.start] &&
		!TITLES.has(word.key) &&
		!isCommonCapitalisedWord(word.key)
	);
}

const SENTENCE_ENDS = new Set(['.', '!', '?', '…', '؟', '۔', '।', '።', '。', '！', '？']);
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);
/** Quotes, brackets, dashes, bullets and emoji between a sentence end and the next sentence's first word. */
const BETWEEN_SENTENCES =
	// eslint-disable-next-line no-misleading-character-class -- it matches one code point: joiner and selector alone
	/^[\s"'“”‘’«»„‹›()[\]{}\-–—•*·¿¡「」『』\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]$/u;
const LETTER = /^[\p{L}\p{M}]$/u;

function startsSentence(text: string, wordStart: number): boolean {
	let index = wordStart;
	while (index > 0) {
		const character = characterBefore(text, index);
		if (LINE_BREAKS.has(character)) return true;
		if (SENTENCE_ENDS.has(character))
			return !(character === '.' && endsAbbreviation(text, index - 1));
		if (!BETWEEN_SENTENCES.test(character)) return false;
		index -= character.length;
		// An apostrophe right after a letter is an elision (l'Italia), not a quote.
		if (
			(character === "'" || character === '’') &&
			index > 0 &&
			LETTER.test(characterBefore(text, index))
		) {
			return false;
		}
	}
	return true;
}

/** The code point that ends at `index`, one or two code units long. */
function characterBefore(text: string, index: number): string {
	const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
	const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
	const pair =
		index >= 2 &&
		isLowSurrogate(text.charCodeAt(index - 1)) &&
		isHighSurrogate(text.charCodeAt(index - 2));
	return text.slice(pair ? index - 2 : index - 1, index);
}

/** "Mr. Okafor", "J. Okoro": the full stop ends a title or an initial, not the sentence. */
function endsAbbreviation(text: string, fullStopIndex: number): boolean {
	const before = /[\p{L}\p{M}]+$/u.exec(text.slice(Math.max(0, fullStopIndex - 12), fullStopIndex));
	if (!before) return false;
	const key = foldForMatching(before[0]);
	return [...before[0]].length === 1 || TITLES.has(key) || TITLES_WRITTEN_WITH_FULL_STOP.has(key);
}

// ---------------------------------------------------------------------------------------------
// Common capitalised words: never names on their own

/** Abbreviations date a day ("3 Jan 2021") but are no evidence against a name ("Jan Novák"). */
// prettier-ignore
const MONTH_ABBREVIATIONS = [
	'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'janv', 'févr',
	'avr', 'juil', 'déc'
];

// prettier-ignore
const MONTH_NAMES = [
	// English
	'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
	'November', 'December',
	// French
	'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
	'novembre', 'décembre',
	// Italian
	'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre',
	'ottobre', 'novembre', 'dicembre',
	// Spanish
	'enero', 'febrero', 'abril', 'mayo', 'junio', 'julio', 'septiembre', 'setiembre', 'octubre',
	'noviembre', 'diciembre',
	// Dutch
	'januari', 'februari', 'maart', 'mei', 'juni', 'juli', 'augustus', 'oktober',
	// Czech, nominative and genitive
	'leden', 'ledna', 'únor', 'února', 'březen', 'března', 'duben', 'dubna', 'květen', 'května',
	'červen', 'června', 'červenec', 'července', 'srpen', 'srpna', 'září', 'říjen', 'října',
	'listopad', 'listopadu', 'prosinec', 'prosince',
	// Turkish
	'Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim',
	'Kasım', 'Aralık',
	// Albanian
	'janar', 'shkurt', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor',
	'dhjetor',
	// Ukrainian, nominative and genitive
	'січень', 'січня', 'лютий', 'лютого', 'березень', 'березня', 'квітень', 'квітня', 'травень',
	'травня', 'червень', 'червня', 'липень', 'липня', 'серпень', 'серпня', 'вересень', 'вересня',
	'жовтень', 'жовтня', 'листопад', 'листопада', 'грудень', 'грудня',
	// Arabic (Egyptian and Maghrebi names, and Levantine names that are one word)
	'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر',
	'نوفمبر', 'ديسمبر', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول',
	// Persian (Gregorian months)
	'ژانویه', 'فوریه', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'جولای', 'اوت', 'آگوست', 'سپتامبر', 'اکتبر',
	'نوامبر', 'دسامبر',
	// Urdu
	'جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر',
	// Bengali
	'জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর',
	'নভেম্বর', 'ডিসেম্বর',
	// Somali
	'Janaayo', 'Febraayo', 'Maarso', 'Abriil', 'Maajo', 'Juun', 'Luulyo', 'Agoosto', 'Sebtembar',
	'Oktoobar', 'Nofembar', 'Desembar',
	// Hausa
	'Janairu', 'Fabrairu', 'Maris', 'Afrilu', 'Mayu', 'Yuni', 'Yuli', 'Agusta', 'Satumba', 'Oktoba',
	'Nuwamba', 'Disamba',
	// Tigrinya
	'ጥሪ', 'ለካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት', 'ሰነ', 'ሓምለ', 'ነሓሰ', 'መስከረም', 'ጥቅምቲ', 'ሕዳር', 'ታሕሳስ'
];
const MONTH_KEYS = foldAll([...MONTH_NAMES, ...MONTH_ABBREVIATIONS]);
/**
 * Months are written capitalised above only where their language capitalises them (English,
 * Turkish, Somali, Hausa); elsewhere a capitalised "Julio" or "Agosto" is a name.
 */
const MONTH_KEYS_CAPITALISED_IN_THEIR_LANGUAGE = foldAll(
	MONTH_NAMES.filter((month) => STARTS_UPPERCASE.test(month))
);

// prettier-ignore
const COMMON_CAPITALISED_WORDS = foldAll([
	// Days (English, Turkish, Hausa and Somali capitalise them)
	'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Pazartesi', 'Salı',
	'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar', 'Litinin', 'Talata', 'Laraba', 'Alhamis',
	'Jumma', 'Asabar', 'Lahadi', 'Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti', 'Axad',
	// Languages, nationalities and peoples (English, with French and Dutch forms where they differ)
	'English', 'British', 'Irish', 'American', 'French', 'Italian', 'Spanish', 'Dutch', 'Czech',
	'Belgian', 'German', 'Greek', 'Maltese', 'Portuguese', 'Polish', 'Romanian', 'Bulgarian', 'Serbian',
	'Croatian', 'Bosnian', 'Hungarian', 'Austrian', 'Swiss', 'Swedish', 'Russian', 'Ukrainian',
	'Albanian', 'Turkish', 'Turk', 'Kurd', 'Kurdish', 'Sorani', 'Kurmanji', 'Arab', 'Arabic', 'Persian',
	'Farsi', 'Dari', 'Pashto', 'Pashtun', 'Hazara', 'Tajik', 'Uzbek', 'Baloch', 'Punjabi', 'Urdu',
	'Sindhi', 'Afghan', 'Pakistani', 'Iranian', 'Iraqi', 'Syrian', 'Lebanese', 'Bangladeshi', 'Bengali',
	'Bangla', 'Indian', 'Chinese', 'Mandarin', 'Cantonese', 'Nigerian', 'Libyan', 'Tunisian',
	'Moroccan', 'Algerian', 'Egyptian', 'Sudanese', 'Eritrean', 'Ethiopian', 'Somali', 'Somalian',
	'Tigrinya', 'Tigrayan', 'Amharic', 'Oromo', 'Malian', 'Nigerien', 'Ghanaian', 'Senegalese',
	'Gambian', 'Guinean', 'Ivorian', 'Cameroonian', 'Colombian', 'Venezuelan', 'Hausa', 'Yoruba',
	'Igbo', 'Ibo', 'Bini', 'Esan', 'Ishan', 'Urhobo', 'Ijaw', 'Efik', 'Fulani', 'Fula', 'Wolof',
	'Bambara', 'Berber', 'Amazigh', 'Pidgin', 'Creole', 'Latin', 'African', 'European', 'Asian',
	'Anglais', 'Français', 'Italien', 'Espagnol', 'Allemand', 'Néerlandais', 'Tchèque', 'Belge',
	'Grec', 'Arabe', 'Persan', 'Kurde', 'Chinois', 'Nigérian', 'Libyen', 'Érythréen', 'Éthiopien',
	'Soudanais', 'Somalien', 'Pakistanais', 'Bangladais', 'Irakien', 'Syrien', 'Albanais', 'Ukrainien',
	'Colombien', 'Turc', 'Marocain', 'Tunisien', 'Algérien', 'Égyptien', 'Malien', 'Guinéen',
	'Ivoirien', 'Camerounais', 'Sénégalais', 'Ghanéen', 'Européen', 'Africain', 'Nederlands', 'Engels',
	'Frans', 'Italiaans', 'Spaans', 'Duits', 'Belgisch', 'Grieks', 'Arabisch', 'Nigeriaans', 'Libisch',
	'Eritrees', 'Ethiopisch', 'Somalisch', 'Afghaans', 'Syrisch', 'Iraaks', 'Turks', 'Marokkaans',
	'Albanees', 'Oekraïens', 'Colombiaans', 'Chinees', 'Tsjechisch', 'Europees', 'Afrikaans', 'Türk',
	'Türkçe', 'İngilizce', 'Arapça', 'Farsça', 'Kürt', 'Kürtçe', 'Arap', 'Suriyeli', 'Afgan', 'Iraklı',
	'Soomaali', 'Turanci',
	// Religions, faith and the oath that binds many survivors
	'God', 'Lord', 'Jesus', 'Christ', 'Allah', 'Bible', 'Quran', 'Koran', 'Qur', 'Ramadan', 'Eid',
	'Christmas', 'Easter', 'Christian', 'Catholic', 'Protestant', 'Orthodox', 'Pentecostal',
	'Evangelical', 'Anglican', 'Muslim', 'Moslem', 'Islam', 'Islamic', 'Sunni', 'Shia', 'Shiite',
	'Jewish', 'Jew', 'Hindu', 'Sikh', 'Buddhist', 'Yazidi', 'Ezidi', 'Chrétien', 'Musulman',
	'Catholique', 'Christelijk', 'Moslim', 'Müslüman', 'Hristiyan', 'Juju', 'Ayelala', 'Oath',
	'Church', 'Mosque', 'Heaven',
	// Institutions and everyday nouns that testimonies often capitalise, including German-style nouns
	'Police', 'Polizia', 'Policía', 'Politie', 'Polizei', 'Carabinieri', 'Questura', 'Prefettura',
	'Commissione', 'Commission', 'Tribunale', 'Tribunal', 'Court', 'Judge', 'Lawyer', 'Embassy',
	'Consulate', 'Government', 'Ministry', 'State', 'Office', 'Camp', 'Centre', 'Center', 'Hospital',
	'School', 'University', 'Asylum', 'Refugee', 'Permit', 'Passport', 'Visa', 'Document', 'Family',
	'Mother', 'Mum', 'Mom', 'Dad', 'Daddy', 'Papa', 'Friend', 'Baby', 'Money', 'Work', 'Job', 'House',
	'Home', 'Street', 'Road', 'Station', 'Sea', 'Boat', 'Desert', 'Border', 'Prison', 'Jail', 'Ghetto',
	'Connection', 'Sponsor', 'Debt', 'Europe', 'Africa', 'Asia', 'America', 'Mediterranean', 'Sahara',
	'North', 'South', 'East', 'West', 'Red', 'Cross', 'Caritas', 'Internet', 'WhatsApp', 'Facebook',
	'Messenger', 'Instagram', 'TikTok', 'Telegram', 'Viber', 'Signal', 'Google', 'YouTube',
	'Snapchat', 'Western', 'Union', 'MoneyGram', 'Euro', 'Naira', 'Dollar', 'Covid', 'Corona',
	'Coronavirus', 'Okay', 'Yes', 'No', 'Hello', 'Please', 'Thanks', 'Sorry', 'Help', 'Frau', 'Herr',
	'Haus', 'Heim', 'Amt', 'Arbeit', 'Schule', 'Kirche', 'Stadt', 'Bahnhof', 'Geld', 'Asyl',
	'Flüchtling', 'Ausländerbehörde', 'Sozialamt', 'Jobcenter', 'Kind', 'Kinder', 'Familie', 'Mutter',
	'Vater', 'Schwester', 'Bruder', 'Freund', 'Freundin', 'Arzt', 'Anwalt', 'Gericht', 'Ausweis',
	'Papiere', 'Termin', 'Wohnung', 'Zimmer', 'Lager'
]);

/** Plural and feminine endings ("Nigerians", "Italienne", "Marocaine", "Nigeriaanse"). */
const INFLECTION_ENDINGS = ['s', 'e', 'es', 'ne', 'nes'];

function isCommonCapitalisedWord(key: string): boolean {
	if (COMMON_CAPITALISED_WORDS.has(key) || MONTH_KEYS_CAPITALISED_IN_THEIR_LANGUAGE.has(key))
		return true;
	return INFLECTION_ENDINGS.some(
		(ending) =>
			key.length - ending.length >= 4 &&
			key.endsWith(ending) &&
			COMMON_CAPITALISED_WORDS.has(key.slice(0, -ending.length))
	);
}

// ---------------------------------------------------------------------------------------------
// Contacts

const EMAIL_CHARACTER = String.raw`A-Za-z0-9._%+\-\u00c0-\u024f`;
const EMAIL = new RegExp(
	String.raw`(?<![${EMAIL_CHARACTER}])[${EMAIL_CHARACTER}]+@[A-Za-z0-9\-\u00c0-\u024f]+(?:\.[A-Za-z0-9\-\u00c0-\u024f]+)+`,
	'gu'
);

function findEmails(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const match of text.matchAll(EMAIL)) {
		const address = match[0].replace(/[.-]+$/u, '');
		if (!/\.\p{L}{2,}$/u.test(address) || address.startsWith('.')) continue;
		found.push({ start: match.index, end: match.index + address.length, reason: 'email' });
	}
	return found;
}

const URL_CHARACTERS = String.raw`[^\s<>"“”«»，。、！？；：（）《》،]`;
const URL_WITH_SCHEME_OR_WWW = new RegExp(
	String.raw`(?<![A-Za-z0-9])(?:https?:\/\/|www\.)${URL_CHARACTERS}+`,
	'giu'
);
/** Top-level domains common in testimonies; a longer list would turn "end.It" into an address. */
// prettier-ignore
const TOP_LEVEL_DOMAINS = [
	'com', 'org', 'net', 'info', 'biz', 'eu', 'int', 'gov', 'edu', 'io', 'co', 'me', 'app', 'it', 'fr',
	'nl', 'be', 'cz', 'es', 'de', 'at', 'ch', 'uk', 'ie', 'pt', 'pl', 'gr', 'mt', 'al', 'ua', 'tr', 'ng',
	'gh', 'ly', 'ma', 'tn', 'dz', 'eg', 'sd', 'er', 'et', 'so', 'af', 'pk', 'bd', 'iq', 'sy', 'ir', 'ae',
	'ru', 'cn', 'in'
].sort((a, b) => b.length - a.length);
const BARE_DOMAIN = new RegExp(
	String.raw`(?<![A-Za-z0-9@.\-\/])(?:[A-Za-z0-9\-]+\.)+(?:${TOP_LEVEL_DOMAINS.join('|')})(?![A-Za-z0-9\-])(?:\/${URL_CHARACTERS}*)?`,
	'gu'
);
const TRAILING_PUNCTUATION = /[.,;:!?'’"”)\]}>…]+$/u;

function findUrls(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const pattern of [URL_WITH_SCHEME_OR_WWW, BARE_DOMAIN]) {
		for (const match of text.matchAll(pattern)) {
			let address = match[0].replace(TRAILING_PUNCTUATION, '');
			// Keep a closing bracket that belongs to the address, as in Wikipedia links.
			const trimmed = match[0].slice(address.length);
			if (trimmed.startsWith(')') && address.split('(').length > address.split(')').length) {
				address += ')';
			}
			found.push({ start: match.index, end: match.index + address.length, reason: 'url' });
		}
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// Numbers: phones, long numbers and numeric dates

/** The zero of every decimal digit script in the Basic Multilingual Plane other than ASCII. */
const DIGIT_ZEROS = [
	0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66,
	0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
	0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10
];

/**
 * The text with every digit written as an ASCII digit, and nothing else changed, so that indices
 * into it are indices into the text. Digits outside the Basic Multilingual Plane take two code
 * units and are left as they are for that reason.
 */
function withAsciiDigits(text: string): string {
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
const YEARS_ONLY =
	/^(?:19|20)\d\d(?:[ \u00a0]?[-\u2013/][ \u00a0]?\d\d|(?:[^\d]+(?:19|20)\d\d)+)$/;
const MOST_PHONE_DIGITS = 15;
const FEWEST_PHONE_DIGITS = 7;
const FEWEST_LONG_NUMBER_DIGITS = 6;

function findNumbers(asciiDigitText: string): Candidate[] {
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
const isMonth = (month: number) => month >= 1 && month <= 12;
const isDay = (day: number) => day >= 1 && day <= 31;

function pushNumber(
	found: Candidate[],
	run: string,
	runStart: number,
	from: number,
	to: number
): void {
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
	const international =
		number.startsWith('+') || number.startsWith('(+') || number.startsWith('00');
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

function findLetterAndDigitCodes(asciiDigitText: string): Candidate[] {
	const found: Candidate[] = [];
	for (const pattern of [IBAN_LIKE, CODE_OF_CAPITALS_AND_DIGITS]) {
		for (const match of asciiDigitText.matchAll(pattern)) {
			if (match[0].replace(/\D/g, '').length < FEWEST_LONG_NUMBER_DIGITS) continue;
			found.push({ start: match.index, end: match.index + match[0].length, reason: 'long-number' });
		}
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// Dates with month names

/** A day before the month: "3 ", "3rd of ", "1er ", "12 de ", "12. ". Read from a short window. */
const DAY_BEFORE_MONTH =
	/(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th|er|re|e|ème|eme|º|°|ª)?\.?[ \u00a0]*(?:(?:de|of|the|el)[ \u00a0]+)?$/iu;
/** A year after the month: " 2021", " de 2021", ", 2021". */
const YEAR_AFTER_MONTH = /^\.?,?[ \u00a0]*(?:(?:de|del|of)[ \u00a0]+)?((?:19|20)\d\d)(?!\d)/iu;
/**
 * A day, and perhaps a year, after the month: " 3", " 3rd, 2021". Only languages that capitalise
 * months write the day after, so the month must be capitalised: "I may 2…" is not a date.
 */
const DAY_AFTER_MONTH =
	/^\.?[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?[ \u00a0]+((?:19|20)\d\d)(?!\d))?/iu;
const DATE_CONTEXT_WINDOW = 24;

function findMonthNameDates(asciiDigitText: string, words: readonly Word[]): Candidate[] {
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

function findChineseDates(asciiDigitText: string): Candidate[] {
	const found: Candidate[] = [];
	for (const match of asciiDigitText.matchAll(CHINESE_DATE)) {
		const [, year, month, day] = match;
		if (!isMonth(Number(month)) || (year === undefined && day === undefined)) continue;
		if (day !== undefined && !isDay(Number(day))) continue;
		found.push({ start: match.index, end: match.index + match[0].length, reason: 'date' });
	}
	return found;
}
