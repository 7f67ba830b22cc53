import Papa from 'papaparse';
import type { StaffTranslate } from '$lib/staff-i18n';
import type { ProtectedCount } from '../small-numbers';
import type { AggregateTable } from './types';

/*
 * Aggregates as CSV files, with the protected counts written as they are shown. The fixed words
 * are in the file's language; the columns keep their order in every language, so a team can
 * merge its files.
 */

/** How a count is written in a CSV: the number, `<5`, or "suppressed" (in `t`'s words) for a "—". */
export function csvCount(count: ProtectedCount, t: StaffTranslate): string {
	if (count.kind === 'count') return String(count.value);
	return count.label === '<5' ? '<5' : t('staff_codebook_export_cell_suppressed');
}

// Papa's own pattern stops at a line break, so "=1\n2" would slip through; this one does not.
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The table as CSV: a header row, one row per code (named by its path), and totals when the
 * table has them. Cells a spreadsheet would run as a formula (code names are typed by people)
 * get a leading apostrophe.
 */
export function aggregatesCsv(table: AggregateTable, t: StaffTranslate): string {
	const total = t('staff_codebook_export_header_total');
	const written = (count: ProtectedCount) => csvCount(count, t);
	const totalColumn = table.rowTotals !== null || table.grandTotal !== null;
	const lastCell = (count: ProtectedCount | null | undefined) => (totalColumn ? [count ? written(count) : ''] : []);
	const header = [table.rowHeading, ...table.columns.map((column) => column.label), ...(totalColumn ? [total] : [])];
	const body = table.rows.map((row, i) => [
		row.path,
		...table.cells[i].map(written),
		...lastCell(table.rowTotals?.[i])
	]);
	const footer =
		table.columnTotals || table.grandTotal
			? [[total, ...(table.columnTotals?.map(written) ?? table.columns.map(() => '')), ...lastCell(table.grandTotal)]]
			: [];
	return Papa.unparse([header, ...body, ...footer], { escapeFormulae: FORMULA_START });
}

/**
 * The same table long: one row per count, naming its code and its column both in words and by
 * code (a context answer's own code, a month, a code's id), the layout R, pandas and most
 * statistics tools read directly. Totals are rows whose column, or code, is "Total" in the file's language.
 */
export function aggregatesLongCsv(table: AggregateTable, t: StaffTranslate): string {
	const total = t('staff_codebook_export_header_total');
	const written = (count: ProtectedCount) => csvCount(count, t);
	const header = [
		table.rowHeading,
		t('staff_codebook_export_header_column'),
		t('staff_codebook_export_header_column_code'),
		t('staff_codebook_export_header_count')
	];
	const body = table.rows.flatMap((row, i) => [
		...table.columns.map((column, j) => [row.path, column.label, column.id, written(table.cells[i][j])]),
		...(table.rowTotals ? [[row.path, total, '', written(table.rowTotals[i])]] : [])
	]);
	const footer = [
		...(table.columnTotals?.map((columnTotal, j) => [
			total,
			table.columns[j].label,
			table.columns[j].id,
			written(columnTotal)
		]) ?? []),
		...(table.grandTotal ? [[total, total, '', written(table.grandTotal)]] : [])
	];
	return Papa.unparse([header, ...body, ...footer], { escapeFormulae: FORMULA_START });
}
