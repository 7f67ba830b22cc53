import { describe, expect, it } from 'vitest';
import { segmentText } from './segments';

describe('segmentText', () => {
	it('cuts a text where layers begin and end, keeping the layers that cover each piece', () => {
		const text = 'No flat 🏠 without a contract';
		const segments = segmentText(text, [
			{ id: 'housing', start: 3, end: 9 },
			{ id: 'documents', start: 8, end: 28 }
		]);
		expect(segments.map((segment) => [segment.text, segment.layers.map((layer) => layer.id)])).toEqual([
			['No ', []],
			['flat ', ['housing']],
			['🏠', ['housing', 'documents']],
			[' without a contract', ['documents']]
		]);
		expect(segments.map((segment) => segment.text).join('')).toBe(text);
	});

	it('clips layers to the text and ignores empty ones', () => {
		const segments = segmentText('سكن', [
			{ id: 'a', start: 1, end: 99 },
			{ id: 'b', start: 2, end: 2 }
		]);
		expect(segments.map((segment) => [segment.text, segment.layers.length])).toEqual([
			['س', 0],
			['كن', 1]
		]);
	});

	it('gives one empty-layer segment for an uncoded text, and none for an empty one', () => {
		expect(segmentText('plain', [])).toEqual([{ start: 0, end: 5, text: 'plain', layers: [] }]);
		expect(segmentText('', [])).toEqual([]);
	});
});
