/**
 * Where a sentence starts. The first word of a sentence is capitalised anyway, so a capital there
 * is no evidence of a name or of a place that is also a common word.
 */
import { TITLES, TITLES_WRITTEN_WITH_FULL_STOP } from './common-words';
import { foldForMatching } from './words';

const SENTENCE_ENDS = new Set(['.', '!', '?', '…', '؟', '۔', '।', '።', '。', '！', '？']);
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);
/** Quotes, brackets, dashes, bullets and emoji between a sentence end and the next sentence's first word. */
const BETWEEN_SENTENCES =
	// eslint-disable-next-line no-misleading-character-class -- it matches one code point: joiner and selector alone
	/^[\s"'“”‘’«»„‹›()[\]{}\-–—•*·¿¡「」『』\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]$/u;
const LETTER = /^[\p{L}\p{M}]$/u;

export function startsSentence(text: string, wordStart: number): boolean {
	let index = wordStart;
	while (index > 0) {
		const character = characterBefore(text, index);
		if (LINE_BREAKS.has(character)) return true;
		if (SENTENCE_ENDS.has(character)) return !(character === '.' && endsAbbreviation(text, index - 1));
		if (!BETWEEN_SENTENCES.test(character)) return false;
		index -= character.length;
		// An apostrophe right after a letter is an elision (l'Italia), not a quote.
		if ((character === "'" || character === '’') && index > 0 && LETTER.test(characterBefore(text, index))) {
			return false;
		}
	}
	return true;
}

/** The code point that ends at `index`, one or two code units long. */
function characterBefore(text: string, index: number): string {
	const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
	const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
	const pair = index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2));
	return text.slice(pair ? index - 2 : index - 1, index);
}

/** "Mr. Okafor", "J. Okoro": the full stop ends a title or an initial, not the sentence. */
function endsAbbreviation(text: string, fullStopIndex: number): boolean {
	const before = /[\p{L}\p{M}]+$/u.exec(text.slice(Math.max(0, fullStopIndex - 12), fullStopIndex));
	if (!before) return false;
	const key = foldForMatching(before[0]);
	return [...before[0]].length === 1 || TITLES.has(key) || TITLES_WRITTEN_WITH_FULL_STOP.has(key);
}
