import { describe, expect, it } from 'vitest';
import {
	MAX_BOXES,
	MIN_BOX_SIDE,
	boxFromDrag,
	boxPercentages,
	centredBox,
	clampBox,
	keyboardStep,
	nudgeBox,
	readBoxes
} from './image-boxes';

const photo = { width: 200, height: 100 };

describe('boxes drawn on a photo', () => {
	it('keeps a box that runs past an edge inside the photo, without changing its size', () => {
		expect(clampBox({ x: 180, y: -10, width: 50, height: 30 }, photo)).toEqual({ x: 150, y: 0, width: 50, height: 30 });
	});

	it('shrinks a box larger than the photo to the photo', () => {
		expect(clampBox({ x: -5, y: -5, width: 999, height: 999 }, photo)).toEqual({ x: 0, y: 0, width: 200, height: 100 });
	});

	it('never leaves a box so thin that it covers nothing', () => {
		const box = clampBox({ x: 10, y: 10, width: 0, height: -3 }, photo);
		expect(box.width).toBe(MIN_BOX_SIDE);
		expect(box.height).toBe(MIN_BOX_SIDE);
	});

	it('rounds to whole pixels and treats a value that is not a number as zero', () => {
		expect(clampBox({ x: 1.6, y: Number.NaN, width: 10.4, height: Infinity }, photo)).toEqual({
			x: 2,
			y: 0,
			width: 10,
			height: MIN_BOX_SIDE
		});
	});

	it('makes the same box from a drag in any direction', () => {
		const down = boxFromDrag({ x: 20, y: 10 }, { x: 60, y: 50 }, photo);
		const up = boxFromDrag({ x: 60, y: 50 }, { x: 20, y: 10 }, photo);
		expect(down).toEqual({ x: 20, y: 10, width: 40, height: 40 });
		expect(up).toEqual(down);
	});

	it('cuts a drag that leaves the photo at its edge', () => {
		expect(boxFromDrag({ x: 150, y: 50 }, { x: 400, y: 300 }, photo)).toEqual({ x: 150, y: 50, width: 50, height: 50 });
	});

	it('starts a keyboard box in the middle of the photo', () => {
		expect(centredBox(photo)).toEqual({ x: 75, y: 38, width: 50, height: 25 });
	});
});

describe('moving and resizing a box with the arrow keys', () => {
	const box = { x: 50, y: 20, width: 40, height: 30 };
	const step = keyboardStep(photo);

	it('moves a fiftieth of the longer side per press', () => {
		expect(step).toBe(4);
		expect(nudgeBox(box, 'ArrowRight', photo)).toEqual({ ...box, x: 54 });
		expect(nudgeBox(box, 'ArrowUp', photo)).toEqual({ ...box, y: 16 });
	});

	it('stops at the edge of the photo', () => {
		expect(nudgeBox({ ...box, x: 1 }, 'ArrowLeft', photo)).toEqual({ ...box, x: 0 });
		expect(nudgeBox({ ...box, y: 68 }, 'ArrowDown', photo)).toEqual({ ...box, y: 70 });
	});

	it('grows and shrinks with Shift, never below the smallest side nor past the edge', () => {
		expect(nudgeBox(box, 'ArrowRight', photo, true)).toEqual({ ...box, width: 44 });
		expect(nudgeBox(box, 'ArrowUp', photo, true)).toEqual({ ...box, height: 26 });
		expect(nudgeBox({ ...box, width: 5 }, 'ArrowLeft', photo, true)).toEqual({ ...box, width: MIN_BOX_SIDE });
		expect(nudgeBox({ ...box, x: 160 }, 'ArrowRight', photo, true)).toEqual({ ...box, x: 160, width: 40 });
	});

	it('ignores other keys, so Tab and Enter keep their meaning', () => {
		expect(nudgeBox(box, 'Tab', photo)).toBeNull();
		expect(nudgeBox(box, 'Enter', photo, true)).toBeNull();
	});
});

describe('boxes read from a saved draft', () => {
	it('drops what is not a box, clamps the rest and keeps at most the limit', () => {
		const many = Array.from({ length: MAX_BOXES + 5 }, () => ({ x: 0, y: 0, width: 10, height: 10 }));
		expect(readBoxes(many, photo)).toHaveLength(MAX_BOXES);
		expect(readBoxes([null, 'box', { x: 1 }, { x: 190, y: 0, width: 30, height: 10 }], photo)).toEqual([
			{ x: 170, y: 0, width: 30, height: 10 }
		]);
		expect(readBoxes({ x: 1 }, photo)).toEqual([]);
	});

	it('places a box over a scaled picture by percentages of the photo', () => {
		expect(boxPercentages({ x: 50, y: 25, width: 100, height: 50 }, photo)).toEqual({
			left: 25,
			top: 25,
			width: 50,
			height: 50
		});
	});
});
