import type { FoldedText } from './types';

/*
 * Folding text for search: case, accents, Arabic and Persian letter variants and the like are
 * set aside so that a searcher finds "réfugiée" by typing "refugiee". Words are runs of letters,
 * marks and digits (TOKEN); each emoji is a word of its own, so that "😢" finds the records that
 * hold it rather than nothing or everything. Skin tones and variation selectors are not words:
 * "🙏" finds "🙏🏽".
 */

export const TOKEN = /[\p{L}\p{M}\p{N}\u200c\u200d]+|\p{Extended_Pictographic}/gu;
const TOKEN_CHARACTER = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const NOT_TOKEN_CHARACTER = /[^\p{L}\p{M}\p{N}]/gu;
/** Scripts written without spaces between words. */
export const NO_SPACE_CHARACTER =
	/[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;

/**
 * Marks that decorate a letter rather than spell one: Latin, Greek and Cyrillic accents, Hebrew
 * points, Arabic harakat, superscript alef and Quranic signs, plus tatweel, the zero-width
 * joiners Persian writes inside words and the variation selectors that follow emoji. Vowel signs of
 * Indic scripts, Thai or Ethiopic are left alone: dropping them would merge different words.
 */
const DECORATIVE_MARKS =
	// eslint-disable-next-line no-misleading-character-class -- combining marks listed on purpose, each matched alone
	/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u200c\u200d\ufe00-\ufe0f]/g;

/** Letters NFKD leaves whole but a searcher types without their stroke, or types another way. */
const LETTER_EQUIVALENTS: Record<string, string> = {
	ı: 'i',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	ø: 'o',
	ħ: 'h',
	ŧ: 't',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	þ: 'th',
	ς: 'σ',
	'\u0671': '\u0627', // alef wasla → alef
	'\u0649': '\u064a', // alef maqsura → ya
	'\u06cc': '\u064a', // Persian ye → Arabic ya
	'\u0629': '\u0647', // ta marbuta → ha
	'\u06a9': '\u0643' // Persian keheh → Arabic kaf
};
for (let digit = 0; digit < 10; digit++) {
	LETTER_EQUIVALENTS[String.fromCharCode(0x0660 + digit)] = String(digit);
	LETTER_EQUIVALENTS[String.fromCharCode(0x06f0 + digit)] = String(digit);
}

const foldedCharacters = new Map<string, string>();

/**
 * One code point folded for search; characters that cannot be part of a word come back as they
 * are so that folded text keeps its word boundaries. Folding per code point (rather than per
 * string) is what lets `foldText` know where every folded unit came from.
 */
function foldCharacter(character: string): string {
	const cached = foldedCharacters.get(character);
	if (cached !== undefined) return cached;
	let folded = character;
	if (TOKEN_CHARACTER.test(character)) {
		const bare = character.normalize('NFKD').toLocaleLowerCase('und').replace(DECORATIVE_MARKS, '');
		let mapped = '';
		for (const part of bare) mapped += LETTER_EQUIVALENTS[part] ?? part;
		// NFC puts back what NFKD split but we keep: Hangul syllables, kana voicing marks.
		folded = mapped.normalize('NFC').replace(NOT_TOKEN_CHARACTER, '');
	}
	foldedCharacters.set(character, folded);
	return folded;
}

export function foldWord(word: string): string {
	let ascii = true;
	for (let i = 0; i < word.length && ascii; i++) ascii = word.charCodeAt(i) < 0x80;
	if (ascii) return word.toLowerCase();
	let folded = '';
	for (const character of word) folded += foldCharacter(character);
	return folded;
}

/** Text folded for search (case, accents, Arabic and Persian letter variants), with its origin map. */
export function foldText(text: string): FoldedText {
	const parts: string[] = [];
	const origins: number[] = [];
	let codePoint = 0;
	for (const character of text) {
		const folded = foldCharacter(character);
		for (let unit = 0; unit < folded.length; unit++) origins.push(codePoint);
		parts.push(folded);
		codePoint++;
	}
	origins.push(codePoint);
	return { folded: parts.join(''), origins: Int32Array.from(origins) };
}
