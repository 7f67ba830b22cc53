/**
 * Phrases: places and known names, matched word by word on folded keys, with Arabic clitics,
 * Amharic and Tigrinya prepositions and Bengali case endings allowed around them; and Chinese
 * phrases, found inside running text.
 */
import { startsSentence } from './sentences';
import type { Candidate, SuggestionReason } from './types';
import { foldForMatching, STARTS_UPPERCASE, wordsOf, type Word } from './words';

export type Phrase = { keys: readonly string[]; onlyWhenCapitalised: boolean };
type PhraseIndex = ReadonlyMap<string, readonly Phrase[]>;

export function buildPhraseIndex(phrases: Iterable<Phrase>): PhraseIndex {
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

export const phraseKeys = (phrase: string): string[] => wordsOf(phrase).map((word) => word.key);

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
	const rule = key.charCodeAt(0) >= 0x0600 ? AFFIX_RULES.find(({ script }) => script.test(key)) : undefined;
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
	while (offset < written.length && foldForMatching(written.slice(0, offset + 1)).length === foldedLength) {
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
							? stemsOf(word.key).find((candidate) => candidate.prefixLength === 0 && candidate.key === expected)
							: undefined;
					if (endingStem) tailSuffixLength = endingStem.suffixLength;
					else matches = false;
				}
			}
			if (!matches) continue;
			const tail = words[lastWord];
			return {
				start: head.start + writtenLengthOfFoldedPrefix(text.slice(head.start, head.end), stem.prefixLength),
				end: tail.end - writtenLengthOfFoldedSuffix(text.slice(tail.start, tail.end), tailSuffixLength),
				lastWord,
				phrase
			};
		}
	}
	return undefined;
}

export function findPhrases(
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
			if (!capitalised || (capitalOnlyCountsMidSentence && startsSentence(text, match.start))) continue;
		}
		found.push({ start: match.start, end: match.end, reason });
		first = match.lastWord;
	}
	return found;
}

/** Chinese is written without spaces between words, so its names are found inside running text. */
export function findUnspacedPhrases(text: string, phrases: readonly string[], reason: SuggestionReason): Candidate[] {
	const found: Candidate[] = [];
	for (const phrase of phrases) {
		for (let start = text.indexOf(phrase); start !== -1; start = text.indexOf(phrase, start + phrase.length)) {
			found.push({ start, end: start + phrase.length, reason });
		}
	}
	return found;
}
