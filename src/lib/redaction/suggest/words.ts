/**
 * Words and folding: splitting a text into words, and the case-, accent- and script-insensitive
 * key every lookup table in the suggestion modules is matched against.
 */

export type Word = { start: number; end: number; key: string };

const WORD = /[\p{L}\p{M}]+/gu;

export function wordsOf(text: string): Word[] {
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
export function foldForMatching(word: string): string {
	if (ASCII_ONLY.test(word)) return word.toLowerCase();
	return word
		.normalize('NFKD')
		.replace(IGNORED_MARKS, '')
		.toLowerCase()
		.replace(FOLDABLE_LETTERS, (letter) => FOLDED_LETTERS[letter]);
}

export const foldAll = (words: readonly string[]): Set<string> => new Set(words.map(foldForMatching));

export const HAS_CASE = /[\p{Lu}\p{Ll}\p{Lt}]/u;
export const STARTS_UPPERCASE = /^[\p{Lu}\p{Lt}]/u;
export const STARTS_WITH_CASED_LETTER = /^[\p{Lu}\p{Ll}\p{Lt}]/u;
export const HAS_LOWERCASE = /\p{Ll}/u;
export const IS_HAN = /\p{Script=Han}/u;
