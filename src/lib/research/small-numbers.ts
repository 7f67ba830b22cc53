/**
 * Small-number protection for every aggregate the research workspace shows or exports.
 *
 * Primary suppression hides each count from 1 to 4 ("<5"). Complementary (secondary)
 * suppression then hides further counts ("—") so the hidden ones cannot be worked out from the
 * totals that are shown. Counts are linked by relations — a total and the counts it adds up —
 * and two rules are applied until neither finds anything to fix:
 *
 * 1. No relation may have exactly one hidden member: it would equal the total minus the others
 *    (or, for a hidden total, the sum of the parts). The fix hides the smallest non-zero count
 *    still shown in that relation, preferring one that also completes another relation.
 * 2. Bounds reasoning must not pin a "<5" to one value. Someone who knows that "<5" means 1–4
 *    and "—" means 0 or at least 5 can narrow hidden values relation by relation: row [1, 1, 10]
 *    with total 12 hides both 1s, yet they must add up to 2. Bounds are propagated through every
 *    relation to a fixed point; a "<5" left with a single possible value gets a further count
 *    of one of its relations hidden.
 *
 * This is the usual primary-plus-complementary heuristic with an interval audit, not an exact
 * linear-programming audit: a patient attacker combining many relations at once might still
 * narrow a "<5", and some tables leak by their shape alone (four "<5" cells whose total is "<5"
 * must all be 1). Tables derived from one another (the same counts with and without child
 * codes, or over two periods) are not protected against each other: export one view.
 */

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
				throw new SmallNumbersInputError(`A relation refers to count ${index}, but there are only ${values.length} counts.`);
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
			throw new SmallNumbersInputError(`A total of ${total} distinct items cannot come from parts of ${parts.join(', ')}.`);
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
		const completes = relationsOf[index].some((relation) => membersOf(relation).filter((member) => isHidden(states[member])).length === 1);
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
				throw new SmallNumbersInputError('A relation has one hidden count and nothing else that can be hidden; every relation needs a displayed count.');
			}
			states[choice] = 'secondary';
			continue;
		}
		const bounds = propagate(values, states, relations);
		const pinned = states.findIndex((state, index) => isSensitive(state) && !beyondHelp.has(index) && bounds[index].lo === bounds[index].hi);
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

export type TableTotals = {
	/** One per row: shown as a last column. */
	rows?: readonly number[];
	/** One per column: shown as a last row. */
	columns?: readonly number[];
	/** Shown in the corner, or on its own when there are no row or column totals. */
	grand?: number;
	/** How a row total relates to the cells of its row (default `sum`). */
	rowRelation?: RelationKind;
	/** How a column total relates to the cells of its column, one kind or one per column (default `sum`). */
	columnRelation?: RelationKind | readonly RelationKind[];
	/**
	 * The rows that column totals and the grand total are made of (default: every row). Leave
	 * out rows already counted in another, such as child codes when parents include them.
	 */
	totalledRows?: readonly number[];
};

export type ProtectedTable = {
	cells: ProtectedCount[][];
	rowTotals: ProtectedCount[] | null;
	columnTotals: ProtectedCount[] | null;
	grandTotal: ProtectedCount | null;
};

/**
 * A table as counts and relations, for callers that need to add their own relations (codes
 * nested in codes) before protecting it. Cells come first, row by row, then row totals, column
 * totals and the grand total.
 */
export class TableProblem {
	readonly values: number[] = [];
	readonly relations: Relation[] = [];
	readonly unseen = new Set<number>();
	private readonly rowCount: number;
	private readonly columnCount: number;
	private readonly rowTotalStart: number | null = null;
	private readonly columnTotalStart: number | null = null;
	private readonly grandIndex: number | null = null;

	constructor(rows: readonly (readonly number[])[], totals: TableTotals = {}) {
		this.rowCount = rows.length;
		this.columnCount = rows[0]?.length ?? totals.columns?.length ?? 0;
		const rowCount = this.rowCount;
		const columnCount = this.columnCount;
		rows.forEach((row, i) => {
			if (row.length !== columnCount) {
				throw new SmallNumbersInputError(`Row ${i} has ${row.length} cells where the first row has ${columnCount}.`);
			}
		});
		if (totals.rows && totals.rows.length !== rowCount) {
			throw new SmallNumbersInputError(`There are ${totals.rows.length} row totals for ${rowCount} rows.`);
		}
		if (totals.columns && totals.columns.length !== columnCount) {
			throw new SmallNumbersInputError(`There are ${totals.columns.length} column totals for ${columnCount} columns.`);
		}
		const rowKind = totals.rowRelation ?? 'sum';
		const columnKinds: RelationKind[] = Array.from({ length: columnCount }, (_, j) =>
			typeof totals.columnRelation === 'string' ? totals.columnRelation : (totals.columnRelation?.[j] ?? 'sum')
		);
		const acrossRows: RelationKind = columnKinds.includes('union') ? 'union' : 'sum';

		for (const row of rows) this.values.push(...row);
		if (totals.rows) {
			this.rowTotalStart = this.values.length;
			this.values.push(...totals.rows);
		}
		if (totals.columns) {
			this.columnTotalStart = this.values.length;
			this.values.push(...totals.columns);
		}
		let grand: number | null = null;
		if (totals.grand !== undefined) {
			grand = this.grandIndex = this.values.length;
			this.values.push(totals.grand);
		} else if (totals.rows && totals.columns && rowKind === 'sum' && acrossRows === 'sum') {
			// Both margins add up to the same unshown grand total, which links them.
			grand = this.addUnseen(totals.rows.reduce((a, b) => a + b, 0));
		}

		const range = (length: number) => Array.from({ length }, (_, k) => k);
		const totalled = totals.totalledRows ?? range(rowCount);
		for (const row of totalled) {
			if (!Number.isInteger(row) || row < 0 || row >= rowCount) throw new SmallNumbersInputError(`Totalled row ${row} is not one of the ${rowCount} rows.`);
		}
		if (totals.rows) {
			for (let i = 0; i < rowCount; i++) {
				this.relations.push({ kind: rowKind, parts: range(columnCount).map((j) => this.cell(i, j)), total: this.rowTotal(i) });
			}
		}
		if (totals.columns) {
			for (let j = 0; j < columnCount; j++) {
				this.relations.push({ kind: columnKinds[j], parts: totalled.map((i) => this.cell(i, j)), total: this.columnTotal(j) });
			}
		}
		if (grand !== null) {
			if (totals.rows) this.relations.push({ kind: acrossRows, parts: totalled.map((i) => this.rowTotal(i)), total: grand });
			if (totals.columns) this.relations.push({ kind: rowKind, parts: range(columnCount).map((j) => this.columnTotal(j)), total: grand });
			if (!totals.rows && !totals.columns) {
				const kind = rowKind === 'sum' && acrossRows === 'sum' ? 'sum' : 'union';
				this.relations.push({ kind, parts: totalled.flatMap((i) => range(columnCount).map((j) => this.cell(i, j))), total: grand });
			}
		}
	}

	cell(row: number, column: number): number {
		return row * this.columnCount + column;
	}

	rowTotal(row: number): number {
		if (this.rowTotalStart === null) throw new SmallNumbersInputError('This table has no row totals.');
		return this.rowTotalStart + row;
	}

	columnTotal(column: number): number {
		if (this.columnTotalStart === null) throw new SmallNumbersInputError('This table has no column totals.');
		return this.columnTotalStart + column;
	}

	/** Adds a count that is never displayed but takes part in relations; returns its index. */
	addUnseen(value: number): number {
		this.values.push(value);
		this.unseen.add(this.values.length - 1);
		return this.values.length - 1;
	}

	solve(): ProtectedTable {
		const result = protectLinked(this.values, this.relations, this.unseen);
		const cells = Array.from({ length: this.rowCount }, (_, i) => Array.from({ length: this.columnCount }, (_, j) => result[this.cell(i, j)]));
		const start = (from: number | null, length: number) => (from === null ? null : result.slice(from, from + length));
		return {
			cells,
			rowTotals: start(this.rowTotalStart, this.rowCount),
			columnTotals: start(this.columnTotalStart, this.columnCount),
			grandTotal: this.grandIndex === null ? null : result[this.grandIndex]
		};
	}
}

/** Row, column and grand totals of a table whose cells each count different items. */
export function sumTotals(rows: readonly (readonly number[])[]): Required<Pick<TableTotals, 'rows' | 'columns' | 'grand'>> {
	const columnCount = rows[0]?.length ?? 0;
	const rowTotals = rows.map((row) => row.reduce((a, b) => a + b, 0));
	const columnTotals = Array.from({ length: columnCount }, (_, j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0));
	return { rows: rowTotals, columns: columnTotals, grand: rowTotals.reduce((a, b) => a + b, 0) };
}

/**
 * Protects a table and the totals it shows: counts from 1 to 4 become "<5", and further counts
 * become "—" until no hidden count can be worked out from a shown total (see the module comment).
 */
export function protectTable(rows: readonly (readonly number[])[], totals: TableTotals = {}): ProtectedTable {
	return new TableProblem(rows, totals).solve();
}

/** Protects a one-dimensional breakdown and, if shown, its total. */
export function protectList(
	values: readonly number[],
	total?: number,
	relation: RelationKind = 'sum'
): { values: ProtectedCount[]; total: ProtectedCount | null } {
	const table = protectTable(
		values.map((value) => [value]),
		total === undefined ? {} : { columns: [total], columnRelation: relation }
	);
	return { values: table.cells.map((row) => row[0]), total: table.columnTotals?.[0] ?? null };
}
