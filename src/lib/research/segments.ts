import { codePointLength, utf16Index } from './offsets';

export type Layer = { id: string; start: number; end: number };

export type Segment<T extends Layer> = {
	/** Code points of the field, end exclusive. */
	start: number;
	end: number;
	text: string;
	/** Layers covering the whole segment, outermost (longest, earliest) first. */
	layers: T[];
};

/**
 * Cuts a text at every start and end of its layers (codings, search matches), so each piece
 * is covered by the same layers throughout and can be drawn as nested marks. Layers outside
 * the text are clipped; empty ones are ignored.
 */
export function segmentText<T extends Layer>(text: string, layers: readonly T[]): Segment<T>[] {
	const length = codePointLength(text);
	const usable = layers
		.map((layer) => ({ layer, start: Math.max(0, layer.start), end: Math.min(length, layer.end) }))
		.filter((item) => item.end > item.start);
	const cuts = [...new Set([0, length, ...usable.flatMap((item) => [item.start, item.end])])].sort((a, b) => a - b);
	const ordered = [...usable].sort(
		(a, b) => a.start - b.start || b.end - a.end || a.layer.id.localeCompare(b.layer.id)
	);
	const segments: Segment<T>[] = [];
	for (let index = 0; index + 1 < cuts.length; index++) {
		const start = cuts[index];
		const end = cuts[index + 1];
		segments.push({
			start,
			end,
			text: text.slice(utf16Index(text, start), utf16Index(text, end)),
			layers: ordered.filter((item) => item.start <= start && item.end >= end).map((item) => item.layer)
		});
	}
	return segments;
}
