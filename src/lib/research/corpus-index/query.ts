import { codePointLength } from '../offsets';
import { foldWord, NO_SPACE_CHARACTER, TOKEN } from './folding';
import type { CodePointRange, FoldedText } from './types';

/*
 * A query as the index looks it up, and where its words occur in a text. A query word matches
 * itself, its completions from three letters and, in Latin script, near spellings; a run of a
 * script written without spaces becomes its overlapping character bigrams.
 */

const LATIN_WORD = /^\p{Script=Latin}+$/u;

type Segment = { text: string; start: number; noSpace: boolean };

/** Splits a folded word into runs of spaced and unspaced scripts ("wifi密码" → "wifi", "密码"). */
export function segments(word: string): Segment[] {
	if (!NO_SPACE_CHARACTER.test(word)) return [{ text: word, start: 0, noSpace: false }];
	const runs: Segment[] = [];
	let index = 0;
	for (const character of word) {
		const noSpace = NO_SPACE_CHARACTER.test(character);
		const last = runs[runs.length - 1];
		if (last && last.noSpace === noSpace) last.text += character;
		else runs.push({ text: character, start: index, noSpace });
		index += character.length;
	}
	return runs;
}

export function bigrams(run: string): string[] {
	const characters = Array.from(run);
	if (characters.length < 2) return characters;
	const grams: string[] = [];
	for (let i = 0; i + 1 < characters.length; i++) grams.push(characters[i] + characters[i + 1]);
	return grams;
}

export type QueryWord =
	{ kind: 'word'; term: string; prefix: boolean; maxEdits: number } | { kind: 'grams'; grams: string[] };

function allowsPrefix(term: string): boolean {
	return codePointLength(term) >= 3 && !NO_SPACE_CHARACTER.test(term);
}

/** One edit per five letters (rounded), for Latin words of five letters or more only. */
function fuzzyEdits(term: string): number {
	return codePointLength(term) >= 5 && LATIN_WORD.test(term) ? Math.min(6, Math.round(term.length * 0.2)) : 0;
}

export function queryWords(query: string): QueryWord[] {
	const words: QueryWord[] = [];
	for (const token of query.match(TOKEN) ?? []) {
		const folded = foldWord(token);
		if (!folded) continue;
		for (const segment of segments(folded)) {
			if (segment.noSpace) words.push({ kind: 'grams', grams: bigrams(segment.text) });
			else
				words.push({
					kind: 'word',
					term: segment.text,
					prefix: allowsPrefix(segment.text),
					maxEdits: fuzzyEdits(segment.text)
				});
		}
	}
	return words;
}

function withinEdits(candidate: string, term: string, maxEdits: number): boolean {
	if (Math.abs(candidate.length - term.length) > maxEdits) return false;
	let previous = Array.from({ length: term.length + 1 }, (_, i) => i);
	for (let i = 1; i <= candidate.length; i++) {
		const current = [i];
		let rowMinimum = i;
		for (let j = 1; j <= term.length; j++) {
			const substitution = previous[j - 1] + (candidate[i - 1] === term[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
			rowMinimum = Math.min(rowMinimum, current[j]);
		}
		if (rowMinimum > maxEdits) return false;
		previous = current;
	}
	return previous[term.length] <= maxEdits;
}

/** Ranges of folded `text` (UTF-16, end exclusive) where query words occur, sorted and merged. */
export function foldedMatches(folded: string, words: QueryWord[]): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	for (const token of folded.matchAll(TOKEN)) {
		for (const segment of segments(token[0])) {
			const base = token.index + segment.start;
			for (const word of words) {
				if (word.kind === 'grams') {
					if (!segment.noSpace) continue;
					for (const gram of word.grams) {
						for (let at = segment.text.indexOf(gram); at >= 0; at = segment.text.indexOf(gram, at + 1)) {
							found.push([base + at, base + at + gram.length]);
						}
					}
				} else if (
					!segment.noSpace &&
					(segment.text === word.term ||
						(word.prefix && segment.text.startsWith(word.term)) ||
						(word.maxEdits > 0 && withinEdits(segment.text, word.term, word.maxEdits)))
				) {
					found.push([base, base + segment.text.length]);
				}
			}
		}
	}
	found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: Array<[number, number]> = [];
	for (const range of found) {
		const last = merged[merged.length - 1];
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
}

/** Maps a folded range back to the original, taking in marks that folding dropped after it. */
export function originalRange({ origins }: FoldedText, start: number, end: number): CodePointRange {
	const last = origins[end - 1];
	return { start: origins[start], end: Math.max(origins[end], last + 1) };
}
