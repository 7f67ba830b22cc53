/* A count as it may be shown, and the relations between counts that protection must respect. */

export type ProtectedCount =
	| { kind: 'count'; value: number }
	/** A count from 1 to 4. */
	| { kind: 'suppressed'; label: '<5' }
	/** A count of 0 or at least 5, hidden because a total would otherwise reveal a "<5". */
	| { kind: 'suppressed'; label: '—' };

/** Counts from SMALL_COUNT_MIN to SMALL_COUNT_MAX are never shown. */
export const SMALL_COUNT_MIN = 1;
export const SMALL_COUNT_MAX = 4;

export function isSmallCount(value: number): boolean {
	return value >= SMALL_COUNT_MIN && value <= SMALL_COUNT_MAX;
}

export function showCount(count: ProtectedCount): string {
	return count.kind === 'count' ? String(count.value) : count.label;
}

/**
 * How a total relates to its parts: `sum` when it is their sum (each item is in exactly one
 * part), `union` when it counts distinct items that may sit in several parts (a record with
 * two codes), so it lies between the largest part and the sum.
 */
export type RelationKind = 'sum' | 'union';

/** A total and its parts, as indices into the values being protected. */
export type Relation = { kind: RelationKind; parts: readonly number[]; total: number };

export class SmallNumbersInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SmallNumbersInputError';
	}
}
