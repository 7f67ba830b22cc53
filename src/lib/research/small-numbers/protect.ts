import {
	isSmallCount,
	SMALL_COUNT_MAX,
	SMALL_COUNT_MIN,
	SmallNumbersInputError,
	type ProtectedCount,
	type Relation
} from './counts';

/*
 * Primary and complementary suppression over counts linked by relations, with the interval
 * audit that keeps a "<5" from being pinned to one value (the method is described in index.ts).
 */

type State = 'shown' | 'primary' | 'secondary' | 'unseenKnown' | 'unseenSmall';
type Bounds = { lo: number; hi: number };

const PROPAGATION_ROUNDS = 200;

function checkValues(values: readonly number[]): void {
	values.forEach((value, index) => {
		if (!Number.isSafeInteger(value) || value < 0) {
			throw new SmallNumbersInputError(`Count ${index} is ${value}; counts must be whole numbers from 0.`);
		}
	});
}

function checkRelations(values: readonly number[], relations: readonly Relation[]): void {
	for (const relation of relations) {
		for (const index of [...relation.parts, relation.total]) {
			if (!Number.isInteger(index) || index < 0 || index >= values.length) {
				throw new SmallNumbersInputError(
					`A relation refers to count ${index}, but there are only ${values.length} counts.`
				);
			}
		}
		const parts = relation.parts.map((index) => values[index]);
		const sum = parts.reduce((a, b) => a + b, 0);
		const total = values[relation.total];
		if (relation.kind === 'sum' && total !== sum) {
			throw new SmallNumbersInputError(
				`A total of ${total} is given for parts adding up to ${sum}; if the total counts distinct items that can be in several parts, declare it as a union.`
			);
		}
		if (relation.kind === 'union' && (total > sum || total < Math.max(0, ...parts))) {
			throw new SmallNumbersInputError(
				`A total of ${total} distinct items cannot come from parts of ${parts.join(', ')}.`
			);
		}
	}
}

function isHidden(state: State): boolean {
	return state === 'primary' || state === 'secondary' || state === 'unseenSmall';
}

function isSensitive(state: State): boolean {
	return state === 'primary' || state === 'unseenSmall';
}

function membersOf(relation: Relation): number[] {
	return [...relation.parts, relation.total];
}

/** What someone reading the output can know of each count before combining relations. */
function initialBounds(values: readonly number[], states: readonly State[]): Bounds[] {
	return values.map((value, index) => {
		const state = states[index];
		if (isSensitive(state)) return { lo: SMALL_COUNT_MIN, hi: SMALL_COUNT_MAX };
		// A hidden 0 is only ever chosen as a last resort, so assume a reader guesses ≥5.
		if (state === 'secondary') return { lo: value === 0 ? 0 : SMALL_COUNT_MAX + 1, hi: Infinity };
		return { lo: value, hi: value };
	});
}

/** Sum of upper bounds with one member left out, safe with infinite bounds. */
function sumWithout(his: readonly number[], skip: number): number {
	let finite = 0;
	let infinite = 0;
	his.forEach((hi, index) => {
		if (index === skip) return;
		if (hi === Infinity) infinite++;
		else finite += hi;
	});
	return infinite > 0 ? Infinity : finite;
}

function tighten(bounds: Bounds[], index: number, lo: number, hi: number): boolean {
	const current = bounds[index];
	const nextLo = Math.max(current.lo, lo);
	const nextHi = Math.min(current.hi, hi);
	// Inconsistent bounds cannot come from true counts; keep what was known rather than invent.
	if (nextLo > nextHi) return false;
	if (nextLo === current.lo && nextHi === current.hi) return false;
	bounds[index] = { lo: nextLo, hi: nextHi };
	return true;
}

/** Narrows every count's bounds relation by relation until nothing changes. */
function propagate(values: readonly number[], states: readonly State[], relations: readonly Relation[]): Bounds[] {
	const bounds = initialBounds(values, states);
	for (let round = 0; round < PROPAGATION_ROUNDS; round++) {
		let changed = false;
		for (const relation of relations) {
			const parts = relation.parts;
			const los = parts.map((index) => bounds[index].lo);
			const his = parts.map((index) => bounds[index].hi);
			const loSum = los.reduce((a, b) => a + b, 0);
			const hiSum = sumWithout(his, -1);
			const total = bounds[relation.total];
			if (relation.kind === 'sum') {
				changed = tighten(bounds, relation.total, loSum, hiSum) || changed;
				parts.forEach((index, position) => {
					const others = loSum - los[position];
					changed = tighten(bounds, index, total.lo - sumWithout(his, position), total.hi - others) || changed;
				});
			} else {
				changed = tighten(bounds, relation.total, Math.max(0, ...los), hiSum) || changed;
				parts.forEach((index, position) => {
					changed = tighten(bounds, index, total.lo - sumWithout(his, position), total.hi) || changed;
				});
			}
		}
		if (!changed) break;
	}
	return bounds;
}

/**
 * Picks the count to hide next among those still shown: non-zero before zero (a hidden 0
 * protects little, since a reader assumes a hidden count is not 0), then the smallest, then
 * one whose other relations already have exactly one hidden member (one hiding fixes two).
 */
function chooseComplement(
	candidates: readonly number[],
	values: readonly number[],
	states: readonly State[],
	relationsOf: readonly Relation[][]
): number | null {
	let best: number | null = null;
	let bestKey: number[] = [];
	for (const index of new Set(candidates)) {
		if (states[index] !== 'shown') continue;
		const completes = relationsOf[index].some(
			(relation) => membersOf(relation).filter((member) => isHidden(states[member])).length === 1
		);
		const key = [values[index] === 0 ? 1 : 0, values[index], completes ? 0 : 1, index];
		if (best === null || lessThan(key, bestKey)) {
			best = index;
			bestKey = key;
		}
	}
	return best;
}

function lessThan(a: readonly number[], b: readonly number[]): boolean {
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i]) return a[i] < b[i];
	}
	return false;
}

/**
 * Protects counts linked by relations. `unseen` lists counts that are never displayed but
 * take part in a relation (a parent code's own excerpts when only totals including child codes
 * are shown); they are assumed known to a reader unless they are from 1 to 4. The result has
 * one entry per value; entries for unseen counts are not for display.
 */
export function protectLinked(
	values: readonly number[],
	relations: readonly Relation[],
	unseen: ReadonlySet<number> = new Set()
): ProtectedCount[] {
	checkValues(values);
	checkRelations(values, relations);
	const states: State[] = values.map((value, index) => {
		if (unseen.has(index)) return isSmallCount(value) ? 'unseenSmall' : 'unseenKnown';
		return isSmallCount(value) ? 'primary' : 'shown';
	});
	const relationsOf: Relation[][] = values.map(() => []);
	for (const relation of relations) {
		for (const member of new Set(membersOf(relation))) relationsOf[member].push(relation);
	}
	// A "<5" that no further hiding can protect (the table's shape gives it away) is left as is.
	const beyondHelp = new Set<number>();

	const loneHidden = (): Relation | undefined =>
		relations.find((relation) => {
			const members = new Set(membersOf(relation));
			return members.size > 1 && [...members].filter((member) => isHidden(states[member])).length === 1;
		});

	for (;;) {
		const lone = loneHidden();
		if (lone) {
			const choice = chooseComplement(membersOf(lone), values, states, relationsOf);
			if (choice === null) {
				throw new SmallNumbersInputError(
					'A relation has one hidden count and nothing else that can be hidden; every relation needs a displayed count.'
				);
			}
			states[choice] = 'secondary';
			continue;
		}
		const bounds = propagate(values, states, relations);
		const pinned = states.findIndex(
			(state, index) => isSensitive(state) && !beyondHelp.has(index) && bounds[index].lo === bounds[index].hi
		);
		if (pinned === -1) break;
		const choice = chooseComplement(relationsOf[pinned].flatMap(membersOf), values, states, relationsOf);
		if (choice === null) beyondHelp.add(pinned);
		else states[choice] = 'secondary';
	}

	return values.map((value, index): ProtectedCount => {
		const state = states[index];
		if (state === 'primary' || state === 'unseenSmall') return { kind: 'suppressed', label: '<5' };
		if (state === 'secondary') return { kind: 'suppressed', label: '—' };
		return { kind: 'count', value };
	});
}
