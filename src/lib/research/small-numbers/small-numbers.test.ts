import { describe, expect, it } from 'vitest';
import {
	isSmallCount,
	protectLinked,
	protectList,
	protectTable,
	showCount,
	SmallNumbersInputError,
	sumTotals,
	type ProtectedCount,
	type ProtectedTable,
	type TableTotals
} from '.';

const count = (value: number): ProtectedCount => ({ kind: 'count', value });
const small: ProtectedCount = { kind: 'suppressed', label: '<5' };
const hidden: ProtectedCount = { kind: 'suppressed', label: '—' };

/** mulberry32: a small seeded generator, so a failing table can be replayed from its seed. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Counts skewed towards the small ones that need protecting. */
function randomCount(random: () => number): number {
	const draw = random();
	if (draw < 0.3) return 0;
	if (draw < 0.65) return 1 + Math.floor(random() * 4);
	return 5 + Math.floor(random() * 20);
}

function randomTable(random: () => number, maxRows: number, maxColumns: number): number[][] {
	const rowCount = 1 + Math.floor(random() * maxRows);
	const columnCount = 1 + Math.floor(random() * maxColumns);
	return Array.from({ length: rowCount }, () => Array.from({ length: columnCount }, () => randomCount(random)));
}

const isHidden = (c: ProtectedCount) => c.kind === 'suppressed';

/** Every line of the table with its total, when that total is given. */
function lines(table: ProtectedTable): { cells: ProtectedCount[]; total: ProtectedCount }[] {
	const result: { cells: ProtectedCount[]; total: ProtectedCount }[] = [];
	table.cells.forEach((row, i) => {
		if (table.rowTotals) result.push({ cells: row, total: table.rowTotals[i] });
	});
	table.columnTotals?.forEach((total, j) => result.push({ cells: table.cells.map((row) => row[j]), total }));
	if (table.grandTotal && table.rowTotals) result.push({ cells: table.rowTotals, total: table.grandTotal });
	if (table.grandTotal && table.columnTotals) result.push({ cells: table.columnTotals, total: table.grandTotal });
	return result;
}

function expectNoShownSmallCount(table: ProtectedTable): void {
	const all = [
		...table.cells.flat(),
		...(table.rowTotals ?? []),
		...(table.columnTotals ?? []),
		...(table.grandTotal ? [table.grandTotal] : [])
	];
	for (const c of all) {
		if (c.kind === 'count') expect(isSmallCount(c.value)).toBe(false);
	}
}

function expectTruthfulLabels(rows: number[][], totals: TableTotals, table: ProtectedTable): void {
	const pairs: [number, ProtectedCount][] = [
		...rows.flatMap((row, i) => row.map((value, j): [number, ProtectedCount] => [value, table.cells[i][j]])),
		...(totals.rows ?? []).map((value, i): [number, ProtectedCount] => [value, table.rowTotals![i]]),
		...(totals.columns ?? []).map((value, j): [number, ProtectedCount] => [value, table.columnTotals![j]]),
		...(totals.grand === undefined ? [] : [[totals.grand, table.grandTotal!] as [number, ProtectedCount]])
	];
	for (const [value, shown] of pairs) {
		if (shown.kind === 'count') expect(shown.value).toBe(value);
		else if (shown.label === '<5') expect(isSmallCount(value)).toBe(true);
		else expect(isSmallCount(value)).toBe(false);
	}
}

/**
 * Brute force: every assignment of the hidden cells that a reader would accept ("<5" is 1–4,
 * "—" is 0 or 5 and more) and that agrees with every shown total. Returns, per hidden "<5"
 * cell, the set of values it takes across those assignments.
 */
function possibleValues(table: ProtectedTable, cap: number): Map<string, Set<number>> {
	const hiddenCells: [number, number][] = [];
	table.cells.forEach((row, i) => row.forEach((c, j) => isHidden(c) && hiddenCells.push([i, j])));
	const domain = (c: ProtectedCount): number[] =>
		c.kind === 'count'
			? [c.value]
			: c.label === '<5'
				? [1, 2, 3, 4]
				: [0, ...Array.from({ length: cap - 4 }, (_, k) => k + 5)];
	const fits = (value: number, shown: ProtectedCount) => domain(shown).includes(value);
	const seen = new Map<string, Set<number>>();
	const grid = table.cells.map((row) => row.map((c) => (c.kind === 'count' ? c.value : 0)));
	const consistent = (): boolean => {
		const totals = sumTotals(grid);
		if (table.rowTotals && !totals.rows.every((value, i) => fits(value, table.rowTotals![i]))) return false;
		if (table.columnTotals && !totals.columns.every((value, j) => fits(value, table.columnTotals![j]))) return false;
		if (table.grandTotal && !fits(totals.grand, table.grandTotal)) return false;
		return true;
	};
	const assign = (k: number): void => {
		if (k === hiddenCells.length) {
			if (!consistent()) return;
			for (const [i, j] of hiddenCells) {
				if (table.cells[i][j].kind === 'suppressed' && (table.cells[i][j] as { label: string }).label === '<5') {
					const key = `${i},${j}`;
					if (!seen.has(key)) seen.set(key, new Set());
					seen.get(key)!.add(grid[i][j]);
				}
			}
			return;
		}
		const [i, j] = hiddenCells[k];
		for (const value of domain(table.cells[i][j])) {
			grid[i][j] = value;
			assign(k + 1);
		}
	};
	assign(0);
	return seen;
}

describe('showCount', () => {
	it('writes a count as digits and a hidden count as its label', () => {
		expect(showCount(count(0))).toBe('0');
		expect(showCount(count(27))).toBe('27');
		expect(showCount(small)).toBe('<5');
		expect(showCount(hidden)).toBe('—');
	});
});

describe('protectTable', () => {
	it('hides counts from 1 to 4 and shows 0 and 5 or more', () => {
		expect(protectTable([[0, 1, 4, 5, 12]]).cells).toEqual([[count(0), small, small, count(5), count(12)]]);
	});

	it('hides the next smallest count of a row whose total would give a lone hidden count away', () => {
		const table = protectTable([[3, 12, 8]], { rows: [23] });
		expect(table.cells[0]).toEqual([small, count(12), hidden]);
		expect(table.rowTotals).toEqual([count(23)]);
	});

	it('does the same down a column', () => {
		const table = protectTable([[6], [2], [9]], { columns: [17] });
		expect(table.cells.map((row) => row[0])).toEqual([hidden, small, count(9)]);
	});

	it('hides a total from 1 to 4', () => {
		const table = protectTable([[2, 0]], { rows: [2] });
		expect(table.rowTotals).toEqual([small]);
		expect(table.cells[0]).toEqual([small, count(0)]);
	});

	it('hides more when two hidden counts would still add up to a single possibility', () => {
		// 1 and 1 hidden beside a shown 10 and total 12 must both be 1.
		const table = protectTable([[1, 1, 10]], { rows: [12] });
		expect(table.cells[0]).toEqual([small, small, hidden]);
		expect(table.rowTotals).toEqual([count(12)]);
	});

	it('hides past a complement too small to leave the hidden count uncertain', () => {
		// With 1 and 5 hidden and a total of 18 shown, "—" ≥ 5 forces "<5" to be 1.
		const table = protectTable([[1, 5, 12]], { rows: [18] });
		expect(table.cells[0]).toEqual([small, hidden, hidden]);
	});

	it('protects a hidden row total that the column of row totals and the grand total would reveal', () => {
		const rows = [
			[2, 1],
			[10, 9],
			[7, 6]
		];
		const table = protectTable(rows, sumTotals(rows));
		expect(table.rowTotals?.[0]).toEqual(small);
		expect(table.rowTotals?.filter(isHidden).length).toBeGreaterThanOrEqual(2);
		expect(table.grandTotal).toEqual(count(35));
	});

	it('keeps the two margins from revealing each other when the grand total is not shown', () => {
		const rows = [
			[3, 0],
			[0, 9]
		];
		const { rows: rowTotals, columns } = sumTotals(rows);
		const table = protectTable(rows, { rows: rowTotals, columns });
		expect([...table.rowTotals!, ...table.columnTotals!].filter(isHidden).length).not.toBe(1);
	});

	it('accepts distinct-item totals declared as unions and rejects totals that cannot be right', () => {
		expect(protectTable([[7, 6]], { rows: [9], rowRelation: 'union' }).rowTotals).toEqual([count(9)]);
		expect(() => protectTable([[7, 6]], { rows: [9] })).toThrow(SmallNumbersInputError);
		expect(() => protectTable([[7, 6]], { rows: [14], rowRelation: 'union' })).toThrow(/cannot come from parts/);
		expect(() => protectTable([[1, -2]])).toThrow(/whole numbers/);
		expect(() => protectTable([[1, 2], [3]])).toThrow(/Row 1 has 1 cells/);
	});
});

describe('protectList', () => {
	it('protects a breakdown and its total', () => {
		expect(protectList([20, 3, 0, 9], 32)).toEqual({ values: [count(20), small, count(0), hidden], total: count(32) });
		expect(protectList([3, 1], 4).total).toEqual(small);
		expect(protectList([8, 6]).total).toBeNull();
	});

	it('treats a distinct total as a union of overlapping parts', () => {
		expect(protectList([8, 6], 11, 'union')).toEqual({ values: [count(8), count(6)], total: count(11) });
	});
});

describe('protectLinked', () => {
	it('protects a count that is never shown but can be worked out', () => {
		// A parent's 10 excerpts = 3 of its own (shown elsewhere, never here) + a child's 7.
		const result = protectLinked([10, 3, 7], [{ kind: 'sum', parts: [1, 2], total: 0 }], new Set([1]));
		expect(result[0]).toEqual(count(10));
		expect(result[2]).toEqual(hidden);
	});
});

describe('protection over random tables', () => {
	const shapes: { name: string; totals: (rows: number[][]) => TableTotals }[] = [
		{ name: 'all totals', totals: (rows) => sumTotals(rows) },
		{ name: 'row totals', totals: (rows) => ({ rows: sumTotals(rows).rows }) },
		{
			name: 'column totals and grand total',
			totals: (rows) => ({ columns: sumTotals(rows).columns, grand: sumTotals(rows).grand })
		},
		{
			name: 'both margins, no grand total',
			totals: (rows) => ({ rows: sumTotals(rows).rows, columns: sumTotals(rows).columns })
		},
		{ name: 'grand total only', totals: (rows) => ({ grand: sumTotals(rows).grand }) }
	];

	for (const shape of shapes) {
		it(`never shows 1 to 4 and never leaves a lone hidden count in a line with a shown total (${shape.name})`, () => {
			const random = seededRandom(shapes.indexOf(shape) + 17);
			for (let n = 0; n < 150; n++) {
				const rows = randomTable(random, 6, 6);
				const totals = shape.totals(rows);
				const table = protectTable(rows, totals);
				expectNoShownSmallCount(table);
				expectTruthfulLabels(rows, totals, table);
				for (const line of lines(table)) {
					if (line.total.kind === 'count') expect(line.cells.filter(isHidden).length).not.toBe(1);
				}
			}
		});
	}

	it('holds with union totals between the largest cell and the sum', () => {
		const random = seededRandom(99);
		for (let n = 0; n < 150; n++) {
			const rows = randomTable(random, 5, 5);
			const sums = sumTotals(rows);
			const columns = sums.columns.map((sum, j) => {
				const largest = Math.max(...rows.map((row) => row[j]));
				return largest + Math.floor(random() * (sum - largest + 1));
			});
			const totals: TableTotals = { rows: sums.rows, columns, rowRelation: 'sum', columnRelation: 'union' };
			const table = protectTable(rows, totals);
			expectNoShownSmallCount(table);
			expectTruthfulLabels(rows, totals, table);
			for (const line of lines(table)) {
				if (line.total.kind === 'count') expect(line.cells.filter(isHidden).length).not.toBe(1);
			}
		}
	});

	it('leaves every hidden "<5" with more than one possible value in small tables, by brute force', () => {
		const random = seededRandom(2024);
		let checked = 0;
		for (let n = 0; n < 400 && checked < 60; n++) {
			const rows = randomTable(random, 3, 3).map((row) => row.map((value) => Math.min(value, 9)));
			const table = protectTable(rows, sumTotals(rows));
			if (table.cells.flat().filter(isHidden).length > 4) continue;
			checked++;
			for (const [cell, values] of possibleValues(table, 30)) {
				expect(values.size, `cell ${cell} of ${JSON.stringify(rows)}`).toBeGreaterThan(1);
			}
		}
		expect(checked).toBe(60);
	});
});
