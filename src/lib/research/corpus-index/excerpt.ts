import type { Excerpt } from './types';

/*
 * A coded or matched passage with some of the text around it, for lists of results: cut at a
 * space when there is one so that no word is shown half.
 */

const SPACE = /^\s$/u;

/** The code points from `start` to `end` of `text` with up to `context` code points either side. */
export function excerptAround(text: string, start: number, end: number, context: number): Excerpt {
	const characters = Array.from(text);
	const from = Math.min(Math.max(0, start), characters.length);
	const to = Math.min(Math.max(from, end), characters.length);
	let windowStart = Math.max(0, from - context);
	if (windowStart > 0 && !SPACE.test(characters[windowStart - 1])) {
		const space = characters.slice(windowStart, from).findIndex((character) => SPACE.test(character));
		if (space >= 0) windowStart += space + 1;
	}
	let windowEnd = Math.min(characters.length, to + context);
	if (windowEnd < characters.length && !SPACE.test(characters[windowEnd])) {
		const space = characters.slice(to, windowEnd).findLastIndex((character) => SPACE.test(character));
		if (space >= 0) windowEnd = to + space;
	}
	const truncatedBefore = windowStart > 0;
	const truncatedAfter = windowEnd < characters.length;
	const before = characters.slice(windowStart, from).join('');
	const after = characters.slice(to, windowEnd).join('');
	return {
		before: truncatedBefore ? before.trimStart() : before,
		match: characters.slice(from, to).join(''),
		after: truncatedAfter ? after.trimEnd() : after,
		truncatedBefore,
		truncatedAfter
	};
}
