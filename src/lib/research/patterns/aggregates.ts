import { contextAnswerLabel, contextQuestionLabel, NO_CONTEXT_LABELS } from '$lib/context-labels';
import { ATTRIBUTE_LABELS, NOT_GIVEN_LABELS, type RecordAttribute } from '../labels';
import { TableProblem } from '../small-numbers';
import type { Code, Coding, CorpusRecord } from '../types';
import { CodedCorpus, countIn, describeDescendants, linkParents } from './coded-corpus';
import type { AggregateTable, BreakdownBy, PatternOptions } from './types';

/* The four aggregates: code frequencies, a breakdown by attribute, co-occurrence, and counts over time. */

const NOT_GIVEN_ID = '';
const PROTECTION_NOTE =
	'Counts from 1 to 4 are shown as <5; a count shown as — is hidden so that a <5 cannot be worked out from a total.';

/** Per code, the records it was applied to and its excerpts (codings), with totals. */
export function codeFrequencies(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	{ includeDescendants = false }: PatternOptions = {}
): AggregateTable {
	const corpus = new CodedCorpus(records, codings, codes);
	const cells = corpus.rows.map((_, row) => [
		corpus.recordsOf(row, includeDescendants).size,
		corpus.excerptsOf(row, includeDescendants)
	]);
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
		linkParents(
			problem,
			corpus,
			'sum',
			1,
			(parent) => corpus.directExcerptsOf(parent),
			(row) => problem.cell(row, 1)
		);
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
	{ includeDescendants = false, contextLabels = NO_CONTEXT_LABELS }: PatternOptions = {}
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

	const cells = corpus.rows.map((_, row) =>
		groups.map((group) => countIn(corpus.recordsOf(row, includeDescendants), group))
	);
	const problem = new TableProblem(cells, {
		rows: corpus.rows.map((_, row) => corpus.recordsOf(row, includeDescendants).size),
		columns: groups.map((group) => countIn(group, coded)),
		grand: coded.size,
		rowRelation: 'sum',
		columnRelation: 'union',
		totalledRows: includeDescendants ? corpus.rootRows() : undefined
	});
	if (includeDescendants) {
		linkParents(problem, corpus, 'union', groups.length, (parent, column) =>
			countIn(corpus.directRecordsOf(parent), groups[column])
		);
		linkParents(
			problem,
			corpus,
			'union',
			1,
			(parent) => corpus.directRecordsOf(parent).size,
			(row) => problem.rowTotal(row)
		);
	}
	const contextKey = by.slice('context:'.length);
	const heading = known
		? ATTRIBUTE_LABELS[by as RecordAttribute].toLowerCase()
		: `answer to “${contextQuestionLabel(contextLabels, contextKey)}”`;
	const notGiven = known ? NOT_GIVEN_LABELS[by as RecordAttribute] : 'Not given';
	return {
		kind: 'breakdown',
		title: `Records per code by ${heading}`,
		description: `Each cell counts the records from that ${heading} with the code. Totals count distinct records, so a column total can be less than the sum of its column. ${describeDescendants(includeDescendants)} ${PROTECTION_NOTE}`,
		rowHeading: 'Code',
		rows: corpus.publicRows(),
		columns: values.map((value) => ({
			id: value ?? NOT_GIVEN_ID,
			label: value === null ? notGiven : known ? value : contextAnswerLabel(contextLabels, contextKey, value)
		})),
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
		for (let b = a + 1; b < size; b++)
			problem.relations.push({ kind: 'sum', parts: [problem.cell(a, b)], total: problem.cell(b, a) });
	}
	if (includeDescendants)
		linkParents(problem, corpus, 'union', size, (parent, column) =>
			countIn(corpus.directRecordsOf(parent), sets[column])
		);
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
	const recordMonths = [
		...new Set(corpus.records.map((record) => record.month).filter((month) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month)))
	].sort();
	const months = recordMonths.length === 0 ? [] : monthsBetween(recordMonths[0], recordMonths[recordMonths.length - 1]);
	const inMonth = months.map(
		(month) => new Set(corpus.records.filter((record) => record.month === month).map((record) => record.id))
	);
	const cells = corpus.rows.map((_, row) =>
		inMonth.map((group) => countIn(corpus.recordsOf(row, includeDescendants), group))
	);
	const problem = new TableProblem(cells);
	if (includeDescendants)
		linkParents(problem, corpus, 'union', months.length, (parent, column) =>
			countIn(corpus.directRecordsOf(parent), inMonth[column])
		);
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
