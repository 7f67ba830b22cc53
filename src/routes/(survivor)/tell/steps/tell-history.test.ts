import { describe, expect, it } from 'vitest';
import { readPosition, samePlace } from './tell-history.svelte';

describe('tell flow history positions', () => {
	it('reads a step position from an entry, and nothing else', () => {
		expect(readPosition({ step: 'question', questionIndex: 2, depth: 4 })).toEqual({
			step: 'question',
			questionIndex: 2,
			depth: 4
		});
		expect(readPosition({ step: 'sending', questionIndex: 0, depth: 1 })).toBeNull();
		expect(readPosition({ step: 'review', questionIndex: 'x', depth: -3 })).toEqual({
			step: 'review',
			questionIndex: 0,
			depth: 0
		});
		expect(readPosition(undefined)).toBeNull();
		expect(readPosition({ 'trips:left': 'exit' })).toBeNull();
	});

	it('tells questions apart by their number, other steps by their name', () => {
		expect(samePlace({ step: 'question', questionIndex: 1 }, { step: 'question', questionIndex: 2 })).toBe(false);
		expect(samePlace({ step: 'review', questionIndex: 1 }, { step: 'review', questionIndex: 3 })).toBe(true);
		expect(samePlace({ step: 'mode', questionIndex: 0 }, { step: 'consent', questionIndex: 0 })).toBe(false);
	});
});
