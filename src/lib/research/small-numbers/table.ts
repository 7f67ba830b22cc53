import { SmallNumbersInputError, type ProtectedCount, type Relation, type RelationKind } from './counts';
import { protectLinked } from './protect';

/* Tables of counts with their row, column and grand totals, protected as one set of relations. */

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
			if (!Number.isInteger(row) || row < 0 || row >= rowCount)
				throw new SmallNumbersInputError(`Totalled row ${row} is not one of the ${rowCount} rows.`);
		}
		if (totals.rows) {
			for (let i = 0; i < rowCount; i++) {
				this.relations.push({
					kind: rowKind,
					parts: range(columnCount).map((j) => this.cell(i, j)),
					total: this.rowTotal(i)
				});
			}
		}
		if (totals.columns) {
			for (let j = 0; j < columnCount; j++) {
				this.relations.push({
					kind: columnKinds[j],
					parts: totalled.map((i) => this.cell(i, j)),
					total: this.columnTotal(j)
				});
			}
		}
		if (grand !== null) {
			if (totals.rows)
				this.relations.push({ kind: acrossRows, parts: totalled.map((i) => this.rowTotal(i)), total: grand });
			if (totals.columns)
				this.relations.push({ kind: rowKind, parts: range(columnCount).map((j) => this.columnTotal(j)), total: grand });
			if (!totals.rows && !totals.columns) {
				const kind = rowKind === 'sum' && acrossRows === 'sum' ? 'sum' : 'union';
				this.relations.push({
					kind,
					parts: totalled.flatMap((i) => range(columnCount).map((j) => this.cell(i, j))),
					total: grand
				});
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
		const cells = Array.from({ length: this.rowCount }, (_, i) =>
			Array.from({ length: this.columnCount }, (_, j) => result[this.cell(i, j)])
		);
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
export function sumTotals(
	rows: readonly (readonly number[])[]
): Required<Pick<TableTotals, 'rows' | 'columns' | 'grand'>> {
	const columnCount = rows[0]?.length ?? 0;
	const rowTotals = rows.map((row) => row.reduce((a, b) => a + b, 0));
	const columnTotals = Array.from({ length: columnCount }, (_, j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0));
	return { rows: rowTotals, columns: columnTotals, grand: rowTotals.reduce((a, b) => a + b, 0) };
}

/**
 * Protects a table and the totals it shows: counts from 1 to 4 become "<5", and further counts
 * become "—" until no hidden count can be worked out from a shown total (see index.ts).
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
