import Papa from 'papaparse';
import type { ProtectedCount } from '../small-numbers';
import type { AggregateTable } from './types';

/* Aggregates as CSV files, with the protected counts written as they are shown. */

const TOTAL_LABEL = 'Total';

/** How a count is written in a CSV: the number, `<5`, or `suppressed` for a "—". */
export function csvCount(count: ProtectedCount): string {
	if (count.kind === 'count') return String(count.value);
	return count.label === '<5' ? '<5' : 'suppressed';
}

// Papa's own pattern stops at a line break, so "=1\n2" would slip through; this one does not.
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The table as CSV: a header row, one row per code (named by its path), and totals when the
 * table has them. Cells a spreadsheet would run as a formula (code names are typed by people)
 * get a leading apostrophe.
 */
export function aggregatesCsv(table: AggregateTable): string {
	const totalColumn = table.rowTotals !== null || table.grandTotal !== null;
	const lastCell = (count: ProtectedCount | null | undefined) => (totalColumn ? [count ? csvCount(count) : ''] : []);
	const header = [
		table.rowHeading,
		...table.columns.map((column) => column.label),
		...(totalColumn ? [TOTAL_LABEL] : [])
	];
	const body = table.rows.map((row, i) => [
		row.path,
		...table.cells[i].map(csvCount),
		...lastCell(table.rowTotals?.[i])
	]);
	const footer =
		table.columnTotals || table.grandTotal
			? [
					[
						TOTAL_LABEL,
						...(table.columnTotals?.map(csvCount) ?? table.columns.map(() => '')),
						...lastCell(table.grandTotal)
					]
				]
			: [];
	return Papa.unparse([header, ...body, ...footer], { escapeFormulae: FORMULA_START });
}

/**
 * The same table long: one row per count, naming its code and its column both in words and by
 * code (a context answer's own code, a month, a code's id), the layout R, pandas and most
 * statistics tools read directly. Totals are rows whose column, or code, is "Total".
 */
export function aggregatesLongCsv(table: AggregateTable): string {
	const header = [table.rowHeading, 'Column', 'Column code', 'Count'];
	const body = table.rows.flatMap((row, i) => [
		...table.columns.map((column, j) => [row.path, column.label, column.id, csvCount(table.cells[i][j])]),
		...(table.rowTotals ? [[row.path, TOTAL_LABEL, '', csvCount(table.rowTotals[i])]] : [])
	]);
	const footer = [
		...(table.columnTotals?.map((total, j) => [
			TOTAL_LABEL,
			table.columns[j].label,
			table.columns[j].id,
			csvCount(total)
		]) ?? []),
		...(table.grandTotal ? [[TOTAL_LABEL, TOTAL_LABEL, '', csvCount(table.grandTotal)]] : [])
	];
	return Papa.unparse([header, ...body, ...footer], { escapeFormulae: FORMULA_START });
}
