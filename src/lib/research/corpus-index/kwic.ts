import { codePointOffset, utf16Index } from '../offsets';
import type { CodePointRange, CodingScope, Passage } from './types';

/*
 * Keyword in context: a field's hits shown inside the text around them, each hit marked, and the
 * span a hit would be coded with (the words, their sentence or the whole answer).
 */

const SPACE = /^\s$/u;
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]/u;
/** At most this many code points between two hits that read as one ("permit renewal"). */
const JOIN_GAP = 3;

/**
 * Hits close together with only spaces or punctuation between them become one hit, so that a
 * phrase typed as a query is shown, listed and coded as one passage.
 */
export function joinedHits(text: string, ranges: CodePointRange[]): CodePointRange[] {
	const characters = Array.from(text);
	const joined: CodePointRange[] = [];
	for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
		const last = joined[joined.length - 1];
		const gap = last ? characters.slice(last.end, range.start) : [];
		if (last && range.start - last.end <= JOIN_GAP && !gap.some((character) => WORD_CHARACTER.test(character))) {
			last.end = Math.max(last.end, range.end);
		} else {
			joined.push({ start: range.start, end: range.end });
		}
	}
	return joined;
}

/** Cuts `characters` from `from` to `to` into text and hits; hits outside the window are clipped. */
function parts(characters: string[], from: number, to: number, hits: CodePointRange[]): Passage['parts'] {
	const result: Passage['parts'] = [];
	let at = from;
	for (const hit of hits) {
		const start = Math.max(hit.start, from);
		const end = Math.min(hit.end, to);
		if (end <= start) continue;
		if (start > at) result.push({ text: characters.slice(at, start).join(''), hit: false });
		result.push({ text: characters.slice(start, end).join(''), hit: true });
		at = end;
	}
	if (at < to) result.push({ text: characters.slice(at, to).join(''), hit: false });
	return result;
}

function windowAround(characters: string[], start: number, end: number, context: number): [number, number] {
	let from = Math.max(0, start - context);
	if (from > 0 && !SPACE.test(characters[from - 1])) {
		const space = characters.slice(from, start).findIndex((character) => SPACE.test(character));
		if (space >= 0) from += space + 1;
	}
	let to = Math.min(characters.length, end + context);
	if (to < characters.length && !SPACE.test(characters[to])) {
		const space = characters.slice(end, to).findLastIndex((character) => SPACE.test(character));
		if (space >= 0) to = end + space;
	}
	return [from, to];
}

function passage(characters: string[], from: number, to: number, hits: CodePointRange[]): Passage {
	const cut = parts(characters, from, to, hits);
	const first = cut[0];
	const last = cut[cut.length - 1];
	if (from > 0 && first && !first.hit) first.text = first.text.trimStart();
	if (to < characters.length && last && !last.hit) last.text = last.text.trimEnd();
	return { start: from, end: to, parts: cut, truncatedBefore: from > 0, truncatedAfter: to < characters.length };
}

/**
 * The passages that show a field's hits with up to `context` code points either side, cut at a
 * space; hits whose passages would overlap share one passage.
 */
export function passages(text: string, hits: CodePointRange[], context = 60): Passage[] {
	const characters = Array.from(text);
	const result: Array<{ from: number; to: number; hits: CodePointRange[] }> = [];
	for (const hit of hits) {
		const [from, to] = windowAround(characters, hit.start, hit.end, context);
		const last = result[result.length - 1];
		if (last && from <= last.to) {
			last.to = Math.max(last.to, to);
			last.hits.push(hit);
		} else {
			result.push({ from, to, hits: [hit] });
		}
	}
	return result.map((window) => passage(characters, window.from, window.to, window.hits));
}

/** One hit in its context, every other hit of the field in that context marked as well. */
export function passageAround(text: string, hit: CodePointRange, hits: CodePointRange[], context = 60): Passage {
	const characters = Array.from(text);
	const [from, to] = windowAround(characters, hit.start, hit.end, context);
	return passage(characters, from, to, hits);
}

/** The sentence holding a range (several sentences when the range crosses their boundary). */
function sentenceAround(text: string, range: CodePointRange): CodePointRange {
	const start = utf16Index(text, range.start);
	const end = utf16Index(text, range.end);
	let from = 0;
	let to = text.length;
	for (const sentence of new Intl.Segmenter('und', { granularity: 'sentence' }).segment(text)) {
		const sentenceEnd = sentence.index + sentence.segment.length;
		if (sentenceEnd <= start) from = sentenceEnd;
		if (sentence.index >= end) {
			to = sentence.index;
			break;
		}
	}
	// The sentence without the spaces that separate it from the next.
	while (to > from && SPACE.test(text[to - 1])) to--;
	return { start: codePointOffset(text, from), end: codePointOffset(text, to) };
}

/** The span a hit is coded with: the hit itself, its sentence, or the whole field without its outer spaces. */
export function codingSpan(text: string, hit: CodePointRange, scope: CodingScope): CodePointRange {
	if (scope === 'hit') return { start: hit.start, end: hit.end };
	if (scope === 'sentence') return sentenceAround(text, hit);
	const leading = text.length - text.trimStart().length;
	const kept = text.trim();
	const start = codePointOffset(text, leading);
	return { start, end: start + Array.from(kept).length };
}
