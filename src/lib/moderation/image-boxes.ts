/**
 * The rectangles a moderator blacks out on a photo before it enters the research corpus, in the
 * photo's own pixels (not the screen's), so a box drawn on a phone covers the same place when a
 * colleague opens the draft on a wide screen. Every box is clamped inside the photo and kept at
 * least a few pixels wide: a box that covers nothing must never look as if it did.
 */

export type Box = { x: number; y: number; width: number; height: number };
export type ImageSize = { width: number; height: number };

/** What a moderator decided for one photo, kept in the encrypted moderation draft. */
export type ImageRedaction = { boxes: Box[]; include: boolean };

/** Smallest side of a box, in the photo's pixels. */
export const MIN_BOX_SIDE = 4;
/** Boxes per photo: far more than any photo needs, few enough to list. */
export const MAX_BOXES = 40;

const whole = (value: number) => (Number.isFinite(value) ? Math.round(value) : 0);

/** The box moved and shrunk as little as needed to lie inside the photo, with sides of at least MIN_BOX_SIDE. */
export function clampBox(box: Box, size: ImageSize): Box {
	const minWidth = Math.min(MIN_BOX_SIDE, size.width);
	const minHeight = Math.min(MIN_BOX_SIDE, size.height);
	const width = Math.min(Math.max(whole(box.width), minWidth), size.width);
	const height = Math.min(Math.max(whole(box.height), minHeight), size.height);
	const x = Math.min(Math.max(whole(box.x), 0), size.width - width);
	const y = Math.min(Math.max(whole(box.y), 0), size.height - height);
	return { x, y, width, height };
}

/** The box between two corners of a drag, in any direction. */
export function boxFromDrag(from: { x: number; y: number }, to: { x: number; y: number }, size: ImageSize): Box {
	const inside = (point: { x: number; y: number }) => ({
		x: Math.min(Math.max(point.x, 0), size.width),
		y: Math.min(Math.max(point.y, 0), size.height)
	});
	const [a, b] = [inside(from), inside(to)];
	return clampBox(
		{ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) },
		size
	);
}

/** A first box for the keyboard: a quarter of each side, in the middle of the photo. */
export function centredBox(size: ImageSize): Box {
	const width = size.width / 4;
	const height = size.height / 4;
	return clampBox({ x: (size.width - width) / 2, y: (size.height - height) / 2, width, height }, size);
}

/** One keyboard step: a fiftieth of the photo's longer side, so a photo of any size takes the same presses. */
export function keyboardStep(size: ImageSize): number {
	return Math.max(1, Math.round(Math.max(size.width, size.height) / 50));
}

const DIRECTIONS: Record<string, [number, number]> = {
	ArrowLeft: [-1, 0],
	ArrowRight: [1, 0],
	ArrowUp: [0, -1],
	ArrowDown: [0, 1]
};

/**
 * An arrow key on a selected box: it moves the box, or with `resize` (Shift held) moves its
 * right or bottom edge. Null for any other key.
 */
export function nudgeBox(box: Box, key: string, size: ImageSize, resize = false): Box | null {
	const direction = DIRECTIONS[key];
	if (!direction) return null;
	const step = keyboardStep(size);
	const [dx, dy] = direction;
	if (resize) {
		const width = Math.max(MIN_BOX_SIDE, box.width + dx * step);
		const height = Math.max(MIN_BOX_SIDE, box.height + dy * step);
		return clampBox(
			{ ...box, width: Math.min(width, size.width - box.x), height: Math.min(height, size.height - box.y) },
			size
		);
	}
	return clampBox({ ...box, x: box.x + dx * step, y: box.y + dy * step }, size);
}

/** Whether a value read from a draft is a box: four finite numbers. */
export function isBox(value: unknown): value is Box {
	return (
		typeof value === 'object' &&
		value !== null &&
		['x', 'y', 'width', 'height'].every((side) => Number.isFinite((value as Record<string, unknown>)[side]))
	);
}

/**
 * Boxes as read from a draft another browser saved: anything that is not a box is dropped, the
 * rest clamped to this photo, at most MAX_BOXES.
 */
export function readBoxes(value: unknown, size: ImageSize): Box[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter(isBox)
		.slice(0, MAX_BOXES)
		.map((box) => clampBox(box, size));
}

/** The photo's pixels a box covers, as a fraction of its size: where to draw it over a scaled picture. */
export function boxPercentages(box: Box, size: ImageSize) {
	return {
		left: (box.x / size.width) * 100,
		top: (box.y / size.height) * 100,
		width: (box.width / size.width) * 100,
		height: (box.height / size.height) * 100
	};
}
