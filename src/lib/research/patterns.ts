import Papa from 'papaparse';
import { byPosition, CodeTree, type CodeNode } from './codebook-tree';
import { ATTRIBUTE_LABELS, NOT_GIVEN_LABELS, type RecordAttribute } from './labels';
import { TableProblem, type ProtectedCount, type ProtectedTable, type RelationKind } from './small-numbers';
import type { Code, Coding, CorpusRecord } from './types';

/*
 * Patterns across the decrypted corpus: how often codes are applied, by whom (country,
 * language, session, month, context) and together. Every count is a number of records unless
 * said otherwise, and every table goes through small-number protection before anyone sees it.
 * Codings that point at a record or code outside the ones passed in are ignored, so a caller
 * narrows the corpus or the codebook by what it passes.
 */

export type PatternOptions = {
	/** Count a child code's records and excerpts in its parent too (a record still counts once). */
	includeDescendants?: boolean;
};

export type BreakdownBy = RecordAttribute | `context:${string}`;

export type AggregateRow = {
	/** The code's id. */
	id: string;
	label: string;
	/** Names from the top-level code down, for places where the hierarchy cannot be shown by indenting. */
	path: string;
	/** `#rrggbb`. */
	colour: string;
	/** 0 for a top-level code. */
	depth: number;
};

export type AggregateColumn = {
	/** What the column stands for: a code id, a month, an attribute value; `''` for "not given". */
	id: string;
	label: string;
};

export type AggregateKind = 'frequencies' | 'breakdown' | 'co-occurrence' | 'over-time';

/** Any aggregate, protected and labelled, ready for a chart, a table or a CSV. */
export type AggregateTable = ProtectedTable & {
	kind: AggregateKind;
	title: string;
	/** One or two sentences on what is counted, for a caption or a note under the chart. */
	description: string;
	rowHeading: string;
	rows: AggregateRow[];
	columns: AggregateColumn[];
};

const NOT_GIVEN_ID = '';
const TOTAL_LABEL = 'Total';
const PROTECTION_NOTE = 'Counts from 1 to 4 are shown as <5; a count shown as — is hidden so that a <5 cannot be worked out from a total.';

/** The corpus indexed once for every aggregate over it; a code's row is its place in the codebook tree. */
class CodedCorpus {
	readonly tree: CodeTree;
	readonly records: CorpusRecord[];
	private readonly directRecords: Set<string>[];
	private readonly directExcerpts: number[];
	private readonly memo = new Map<string, Set<string>>();

	constructor(records: readonly CorpusRecord[], codings: readonly Coding[], codes: readonly Code[]) {
		this.records = [...records];
		this.tree = new CodeTree(codes, { order: byPosition });
		this.directRecords = this.tree.nodes.map(() => new Set());
		this.directExcerpts = this.tree.nodes.map(() => 0);
		const recordIds = new Set(records.map((record) => record.id));
		for (const coding of codings) {
			const row = this.tree.node(coding.codeId)?.index;
			if (row === undefined || !recordIds.has(coding.recordId)) continue;
			this.directRecords[row].add(coding.recordId);
			this.directExcerpts[row]++;
		}
	}

	/** Top-level codes by position, each followed by its children, depth first. */
	get rows(): readonly CodeNode[] {
		return this.tree.nodes;
	}

	childRows(row: number): number[] {
		return this.tree.nodes[row].children.map((child) => child.index);
	}

	/** Ids of the records a code's row counts. */
	recordsOf(row: number, includeDescendants: boolean): Set<string> {
		if (!includeDescendants || this.rows[row].children.length === 0) return this.directRecords[row];
		const key = String(row);
		const cached = this.memo.get(key);
		if (cached) return cached;
		const result = new Set(this.directRecords[row]);
		for (const child of this.childRows(row)) for (const id of this.recordsOf(child, true)) result.add(id);
		this.memo.set(key, result);
		return result;
	}

	directRecordsOf(row: number): Set<string> {
		return this.directRecords[row];
	}

	excerptsOf(row: number, includeDescendants: boolean): number {
		const own = this.directExcerpts[row];
		if (!includeDescendants) return own;
		return this.childRows(row).reduce((sum, child) => sum + this.excerptsOf(child, true), own);
	}

	directExcerptsOf(row: number): number {
		return this.directExcerpts[row];
	}

	/** Ids of the records with at least one of the codes. */
	codedRecords(): Set<string> {
		const result = new Set<string>();
		for (const records of this.directRecords) for (const id of records) result.add(id);
		return result;
	}

	rootRows(): number[] {
		return this.tree.roots.map((root) => root.index);
	}

	parentRows(): number[] {
		return this.rows.flatMap((row, index) => (row.children.length > 0 ? [index] : []));
	}

	publicRows(): AggregateRow[] {
		return this.rows.map(({ code, path, depth }) => ({ id: code.id, label: code.name, path, colour: code.colour, depth }));
	}
}

function countIn(ids: ReadonlySet<string>, within: ReadonlySet<string>): number {
	let count = 0;
	for (const id of ids) if (within.has(id)) count++;
	return count;
}

/**
 * A parent's count including its children is made of its own count (never shown once children
 * are included, but shown by the same table without them) and its children's. Declaring that
 * keeps a hidden child count from being worked out by subtraction.
 */
function linkParents(
	problem: TableProblem,
	corpus: CodedCorpus,
	kind: RelationKind,
	columns: number,
	own: (parentRow: number, column: number) => number,
	cellIndex: (row: number, column: number) => number = (row, column) => problem.cell(row, column)
): void {
	for (const parent of corpus.parentRows()) {
		const children = corpus.childRows(parent);
		for (let column = 0; column < columns; column++) {
			const ownIndex = problem.addUnseen(own(parent, column));
			problem.relations.push({ kind, parts: [ownIndex, ...children.map((child) => cellIndex(child, column))], total: cellIndex(parent, column) });
		}
	}
}

function describeDescendants(includeDescendants: boolean): string {
	return includeDescendants
		? 'A parent code includes the records and excerpts of its child codes, each record counted once.'
		: 'Each code counts only where it was applied itself, not its child codes.';
}

/** Per code, the records it was applied to and its excerpts (codings), with totals. */
export function codeFrequencies(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	{ includeDescendants = false }: PatternOptions = {}
): AggregateTable {
	const corpus = new CodedCorpus(records, codings, codes);
	const cells = corpus.rows.map((_, row) => [corpus.recordsOf(row, includeDescendants).size, corpus.excerptsOf(row, includeDescendants)]);
	const roots = corpus.rootRows();
	const totalRecords = corpus.codedRecords().size;
	const totalExcerpts = corpus.rows.reduce((sum, _, row) => sum + corpus.directExcerptsOf(row), 0);
	const problem = new TableProblem(cells, {
		columns: [totalRecords, totalExcerpts],
		columnRelation: ['union', 'sum'],
		totalledRows: includeDescendants ? roots : undefined
	});
	if (includeDescendants) {
		linkParents(problem, corpus, 'union', 1, (parent) => corpus.directRecordsOf(parent).size);
		linkParents(problem, corpus, 'sum', 1, (parent) => corpus.directExcerptsOf(parent), (row) => problem.cell(row, 1));
	}
	return {
		kind: 'frequencies',
		title: 'Records and excerpts per code',
		description: `Records: testimonies with the code at least once. Excerpts: each coded passage, by any coder. The total of records counts each record once. ${describeDescendants(includeDescendants)} ${PROTECTION_NOTE}`,
		rowHeading: 'Code',
		rows: corpus.publicRows(),
		columns: [
			{ id: 'records', label: 'Records' },
			{ id: 'excerpts', label: 'Excerpts' }
		],
		...problem.solve()
	};
}

function attributeOf(record: CorpusRecord, by: BreakdownBy): string | null {
	switch (by) {
		case 'country':
			return record.country || null;
		case 'locale':
			return record.locale || null;
		case 'session':
			return record.sessionId;
		case 'month':
			return record.month || null;
		default:
			return record.context[by.slice('context:'.length)] ?? null;
	}
}

export class UnknownBreakdownError extends Error {
	constructor(by: string) {
		super(`Cannot break counts down by "${by}": choose country, locale, session, month or context:<key>.`);
		this.name = 'UnknownBreakdownError';
	}
}

/**
 * Per code and attribute value, the records with that code. Every record falls in exactly one
 * column (records without the attribute in a "not given" column), so a row total is the sum of
 * its row. A column total counts the distinct records of that column with any of the codes, and
 * the grand total the distinct records with any code, so those are not sums of cells.
 */
export function breakdown(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	by: BreakdownBy,
	{ includeDescendants = false }: PatternOptions = {}
): AggregateTable {
	const known = Object.hasOwn(ATTRIBUTE_LABELS, by);
	if (!known && !(by.startsWith('context:') && by.length > 'context:'.length)) throw new UnknownBreakdownError(by);
	const corpus = new CodedCorpus(records, codings, codes);
	const byValue = new Map<string | null, Set<string>>();
	for (const record of corpus.records) {
		const value = attributeOf(record, by);
		byValue.set(value, (byValue.get(value) ?? new Set()).add(record.id));
	}
	const values = [...byValue.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
	const groups = values.map((value) => byValue.get(value)!);
	const coded = corpus.codedRecords();

	const cells = corpus.rows.map((_, row) => groups.map((group) => countIn(corpus.recordsOf(row, includeDescendants), group)));
	const problem = new TableProblem(cells, {
		rows: corpus.rows.map((_, row) => corpus.recordsOf(row, includeDescendants).size),
		columns: groups.map((group) => countIn(group, coded)),
		grand: coded.size,
		rowRelation: 'sum',
		columnRelation: 'union',
		totalledRows: includeDescendants ? corpus.rootRows() : undefined
	});
	if (includeDescendants) {
		linkParents(problem, corpus, 'union', groups.length, (parent, column) => countIn(corpus.directRecordsOf(parent), groups[column]));
		linkParents(
			problem,
			corpus,
			'union',
			1,
			(parent) => corpus.directRecordsOf(parent).size,
			(row) => problem.rowTotal(row)
		);
	}
	const heading = known ? ATTRIBUTE_LABELS[by as RecordAttribute] : by.slice('context:'.length);
	const notGiven = known ? NOT_GIVEN_LABELS[by as RecordAttribute] : 'Not given';
	return {
		kind: 'breakdown',
		title: `Records per code by ${heading.toLowerCase()}`,
		description: `Each cell counts the records from that ${heading.toLowerCase()} with the code. Totals count distinct records, so a column total can be less than the sum of its column. ${describeDescendants(includeDescendants)} ${PROTECTION_NOTE}`,
		rowHeading: 'Code',
		rows: corpus.publicRows(),
		columns: values.map((value) => ({ id: value ?? NOT_GIVEN_ID, label: value ?? notGiven })),
		...problem.solve()
	};
}

/**
 * Code × code: the records in which both codes are applied, anywhere in the record (not
 * necessarily on overlapping passages). The diagonal is the records with the code.
 */
export function coOccurrence(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	{ includeDescendants = false }: PatternOptions = {}
): AggregateTable {
	const corpus = new CodedCorpus(records, codings, codes);
	const size = corpus.rows.length;
	const sets = corpus.rows.map((_, row) => corpus.recordsOf(row, includeDescendants));
	const cells = sets.map((a) => sets.map((b) => countIn(a, b)));
	const problem = new TableProblem(cells);
	// The matrix shows every count twice; both copies must be hidden alike.
	for (let a = 0; a < size; a++) {
		for (let b = a + 1; b < size; b++) problem.relations.push({ kind: 'sum', parts: [problem.cell(a, b)], total: problem.cell(b, a) });
	}
	if (includeDescendants) linkParents(problem, corpus, 'union', size, (parent, column) => countIn(corpus.directRecordsOf(parent), sets[column]));
	const rows = corpus.publicRows();
	return {
		kind: 'co-occurrence',
		title: 'Records in which two codes are both applied',
		description: `Each cell counts the records where both codes are applied somewhere in the record, not necessarily to the same passage. The diagonal counts the records with the code. ${describeDescendants(includeDescendants)} ${PROTECTION_NOTE}`,
		rowHeading: 'Code',
		rows,
		columns: rows.map((row) => ({ id: row.id, label: row.label })),
		...problem.solve()
	};
}

function monthsBetween(first: string, last: string): string[] {
	const months: string[] = [];
	let [year, month] = first.split('-').map(Number);
	const [lastYear, lastMonth] = last.split('-').map(Number);
	while (year < lastYear || (year === lastYear && month <= lastMonth)) {
		months.push(`${year}-${String(month).padStart(2, '0')}`);
		month = month === 12 ? 1 : month + 1;
		if (month === 1) year++;
	}
	return months;
}

/** Per code and month, the records with the code, every month from the first to the last record's included. */
export function overTime(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	{ includeDescendants = false }: PatternOptions = {}
): AggregateTable {
	const corpus = new CodedCorpus(records, codings, codes);
	const recordMonths = [...new Set(corpus.records.map((record) => record.month).filter((month) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month)))].sort();
	const months = recordMonths.length === 0 ? [] : monthsBetween(recordMonths[0], recordMonths[recordMonths.length - 1]);
	const inMonth = months.map((month) => new Set(corpus.records.filter((record) => record.month === month).map((record) => record.id)));
	const cells = corpus.rows.map((_, row) => inMonth.map((group) => countIn(corpus.recordsOf(row, includeDescendants), group)));
	const problem = new TableProblem(cells);
	if (includeDescendants) linkParents(problem, corpus, 'union', months.length, (parent, column) => countIn(corpus.directRecordsOf(parent), inMonth[column]));
	return {
		kind: 'over-time',
		title: 'Records per code per month',
		description: `Each point counts the records approved that month with the code. ${describeDescendants(includeDescendants)} ${PROTECTION_NOTE}`,
		rowHeading: 'Code',
		rows: corpus.publicRows(),
		columns: months.map((month) => ({ id: month, label: month })),
		...problem.solve()
	};
}

/** A table, or why it could not be built, for pages that show the reason in its place. */
export type TableOutcome = { table: AggregateTable; problem: null } | { table: null; problem: string };

export function tryTable(build: () => AggregateTable): TableOutcome {
	try {
		return { table: build(), problem: null };
	} catch (cause) {
		return { table: null, problem: cause instanceof Error ? cause.message : 'This table could not be built.' };
	}
}

/** A breakdown by session has session ids as its columns; a researcher reads them by label. */
export function withSessionLabels(table: AggregateTable, sessionLabel: (sessionId: string) => string): AggregateTable {
	return { ...table, columns: table.columns.map((column) => (column.id ? { ...column, label: sessionLabel(column.id) } : column)) };
}

/** A code colour fit for an SVG `fill`, or the text colour when the stored one is not `#rrggbb`. */
export function svgColour(colour: string): string {
	return /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : 'currentColor';
}

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
	const header = [table.rowHeading, ...table.columns.map((column) => column.label), ...(totalColumn ? [TOTAL_LABEL] : [])];
	const body = table.rows.map((row, i) => [row.path, ...table.cells[i].map(csvCount), ...lastCell(table.rowTotals?.[i])]);
	const footer =
		table.columnTotals || table.grandTotal
			? [[TOTAL_LABEL, ...(table.columnTotals?.map(csvCount) ?? table.columns.map(() => '')), ...lastCell(table.grandTotal)]]
			: [];
	return Papa.unparse([header, ...body, ...footer], { escapeFormulae: FORMULA_START });
}
