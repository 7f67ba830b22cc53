/**
 * Places: the names listed in ../places.ts, as whole words (Chinese ones inside running text). A
 * name that is also an everyday word counts only when capitalised and not at a sentence's start.
 */
import { PLACE_NAMES_ALSO_COMMON_WORDS, PLACE_NAMES_BY_COUNTRY } from '../places';
import { buildPhraseIndex, findPhrases, phraseKeys } from './phrases';
import type { Candidate } from './types';
import { IS_HAN, type Word } from './words';

const ALL_PLACE_NAMES = Object.values(PLACE_NAMES_BY_COUNTRY).flat();
export const HAN_PLACE_NAMES = ALL_PLACE_NAMES.filter((name) => IS_HAN.test(name));
const PLACE_KEYS_ALSO_COMMON_WORDS = new Set(PLACE_NAMES_ALSO_COMMON_WORDS.map((name) => phraseKeys(name).join(' ')));
const PLACE_INDEX = buildPhraseIndex(
	ALL_PLACE_NAMES.filter((name) => !IS_HAN.test(name)).map((name) => {
		const keys = phraseKeys(name);
		return { keys, onlyWhenCapitalised: PLACE_KEYS_ALSO_COMMON_WORDS.has(keys.join(' ')) };
	})
);

export function findPlaces(text: string, words: readonly Word[]): Candidate[] {
	return findPhrases(text, words, PLACE_INDEX, 'place', true);
}
