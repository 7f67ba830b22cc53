/**
 * Names: further occurrences of names the moderator already redacted, the words after a title,
 * and runs of capitalised words that neither start a sentence nor are common capitalised words.
 */
import { isCommonCapitalisedWord, TITLES, TITLES_WRITTEN_WITH_FULL_STOP } from './common-words';
import { buildPhraseIndex, findPhrases, findUnspacedPhrases, phraseKeys, type Phrase } from './phrases';
import { startsSentence } from './sentences';
import type { Candidate } from './types';
import {
	HAS_CASE,
	HAS_LOWERCASE,
	IS_HAN,
	STARTS_UPPERCASE,
	STARTS_WITH_CASED_LETTER,
	wordsOf,
	type Word
} from './words';

/**
 * Known names are reported as 'capitalised-name': SuggestionReason has no reason of its own for
 * them, and the category (NAME) is what the moderator applies.
 */
export function findKnownNames(text: string, words: readonly Word[], knownNames: readonly string[]): Candidate[] {
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
			if (fullNameKeys.has(part.key) || TITLES.has(part.key) || isCommonCapitalisedWord(part.key)) continue;
			phrases.push({ keys: [part.key], onlyWhenCapitalised: true });
		}
	}
	return [
		...findPhrases(text, words, buildPhraseIndex(phrases), 'capitalised-name', false),
		...findUnspacedPhrases(text, unspaced, 'capitalised-name')
	];
}

const GAP_AFTER_TITLE = /^(?:\.[ \u00a0]*|[ \u00a0]+)$/u;
const GAP_AFTER_ABBREVIATED_TITLE = /^\.[ \u00a0]*$/u;
const GAP_INSIDE_NAME = /^(?:[ \u00a0]+|[-\u2010\u2011])$/u;
const MOST_WORDS_AFTER_A_TITLE = 3;

export function findTitleNames(text: string, words: readonly Word[], insidePlace: Uint8Array): Candidate[] {
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
		if (last > index) found.push({ start: first.start, end: words[last].end, reason: 'title-name' });
	}
	return found;
}

export function findCapitalisedNames(text: string, words: readonly Word[], insidePlace: Uint8Array): Candidate[] {
	const found: Candidate[] = [];
	let run: Word[] = [];
	const closeRun = () => {
		// The first word of a sentence is capitalised anyway, so it is no evidence of a name.
		const named = run.length > 0 && startsSentence(text, nameStart(text, run[0])) ? run.slice(1) : run;
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
	return ELIDED_CAPITAL_BEFORE.test(text.slice(Math.max(0, word.start - 3), word.start)) ? word.start - 2 : word.start;
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
