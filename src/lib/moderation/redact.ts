/**
 * Applying a moderator's redactions to a text, and choosing the pseudonym for a name, so that
 * research text reads as it was told: one person stays one pseudonym however their name is
 * written (first name, full name, another script), and a placeholder already inserted is never
 * matched, replaced or suggested again.
 */
import { wordsOf } from '$lib/redaction/suggest/words';
import type { Redaction } from './draft';

/** A stretch of redacted text: what the survivor wrote, or what was put in its place. */
export type RedactedPiece = { text: string; replacement: string | null };

const PSEUDONYM = /^Person [A-Z]\d*$/;
/** What may stand between two parts of one name: spaces or a hyphen. */
const BETWEEN_NAME_PARTS = /^[\s\u00a0]*[-\u2010\u2011]?[\s\u00a0]*$/u;

export const isPseudonym = (replacement: string) => PSEUDONYM.test(replacement);

/**
 * The text cut into written and replaced pieces, the longest redaction first so "Blessing Okoro"
 * wins over "Blessing". A replacement is never searched again, so a redaction of "A" cannot eat
 * into "Person A". Two parts of one name given the same replacement ("Person A Person A" for a
 * first name and a surname redacted apart) become one.
 */
export function redactPieces(text: string, redactions: readonly Redaction[]): RedactedPiece[] {
	let pieces: RedactedPiece[] = [{ text, replacement: null }];
	for (const redaction of [...redactions].sort((a, b) => b.text.length - a.text.length)) {
		if (!redaction.text) continue;
		pieces = pieces.flatMap((piece) => {
			if (piece.replacement !== null || !piece.text.includes(redaction.text)) return [piece];
			const parts = piece.text.split(redaction.text);
			return parts.flatMap((part, index) => [
				...(index > 0 ? [{ text: redaction.replacement, replacement: redaction.replacement }] : []),
				...(part ? [{ text: part, replacement: null }] : [])
			]);
		});
	}
	return joinRepeatedNames(pieces);
}

function joinRepeatedNames(pieces: RedactedPiece[]): RedactedPiece[] {
	const joined: RedactedPiece[] = [];
	for (const piece of pieces) {
		const gap = joined.at(-1);
		const before = joined.at(-2);
		if (
			piece.replacement !== null &&
			gap?.replacement === null &&
			before?.replacement === piece.replacement &&
			BETWEEN_NAME_PARTS.test(gap.text)
		) {
			joined.pop();
			continue;
		}
		if (piece.replacement !== null && gap?.replacement === piece.replacement) continue;
		joined.push(piece);
	}
	return joined;
}

export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
	return redactPieces(text, redactions)
		.map((piece) => piece.text)
		.join('');
}

/** Where the redacted text carries an inserted placeholder or pseudonym: never a suggestion. */
export function insertedRanges(pieces: readonly RedactedPiece[]): { start: number; end: number }[] {
	const ranges: { start: number; end: number }[] = [];
	let offset = 0;
	for (const piece of pieces) {
		if (piece.replacement !== null) ranges.push({ start: offset, end: offset + piece.text.length });
		offset += piece.text.length;
	}
	return ranges;
}

/** The next consistent pseudonym: Person A, Person B … for names not yet given one. */
export function nextPseudonym(redactions: readonly Redaction[]): string {
	const used = new Set(redactions.map((redaction) => redaction.replacement));
	for (let index = 0; ; index++) {
		const letters =
			index < 26
				? String.fromCharCode(65 + index)
				: `${String.fromCharCode(65 + (index % 26))}${Math.floor(index / 26)}`;
		const candidate = `Person ${letters}`;
		if (!used.has(candidate)) return candidate;
	}
}

const nameKeys = (name: string) => wordsOf(name).map((word) => word.key);

/**
 * The pseudonym a newly redacted name gets: the person's it is part of or contains ("Okoro" and
 * "Blessing Okoro"), the person's it is written next to in a text (a surname redacted after the
 * first name), or else a new one. Another spelling of the same person in another script cannot
 * be recognised: the moderator links it through the list of people (`sameAs`).
 */
export function pseudonymFor(name: string, redactions: readonly Redaction[], texts: readonly string[]): string {
	const trimmed = name.trim();
	if (!trimmed) return nextPseudonym(redactions);
	const named = redactions.filter((redaction) => isPseudonym(redaction.replacement));
	const keys = nameKeys(trimmed);
	if (keys.length > 0) {
		const within = (inner: string[], outer: string[]) => inner.every((key) => outer.includes(key));
		const related = named.find((redaction) => {
			const other = nameKeys(redaction.text);
			return other.length > 0 && (within(keys, other) || within(other, keys));
		});
		if (related) return related.replacement;
	}
	for (const text of texts) {
		const pieces = redactPieces(text, named);
		for (let index = 0; index < pieces.length; index++) {
			const piece = pieces[index];
			if (piece.replacement !== null || !piece.text.includes(trimmed)) continue;
			const previous = pieces[index - 1]?.replacement ?? null;
			const next = pieces[index + 1]?.replacement ?? null;
			const startsAfterName = previous !== null && BETWEEN_NAME_PARTS.test(piece.text.split(trimmed)[0]);
			if (startsAfterName) return previous;
			const endsBeforeName = next !== null && BETWEEN_NAME_PARTS.test(piece.text.split(trimmed).at(-1) ?? '');
			if (endsBeforeName) return next;
		}
	}
	return nextPseudonym(redactions);
}

/** The people named in a testimony: each pseudonym with every spelling that becomes it. */
export function people(redactions: readonly Redaction[]): { pseudonym: string; spellings: string[] }[] {
	const byPseudonym = new Map<string, string[]>();
	for (const redaction of redactions) {
		if (!isPseudonym(redaction.replacement)) continue;
		byPseudonym.set(redaction.replacement, [...(byPseudonym.get(redaction.replacement) ?? []), redaction.text]);
	}
	return [...byPseudonym].map(([pseudonym, spellings]) => ({ pseudonym, spellings }));
}
