import { codePointLength, normaliseLineEndings } from '../offsets';
import {
	ANSWER_TEXT_KINDS,
	fieldAddress,
	type AnswerTextKind,
	type Coding,
	type CorpusRecord,
	type FieldAddress
} from '../types';
import { AgreementInputError } from './statistics';

/*
 * The units agreement is measured over: every code point of every compared field. Each coder's
 * codings of a code become merged intervals per field, and a sweep walks the stretches where
 * at least one coder coded it, so work follows the codings rather than the code points.
 */

/** How many code points one field of one compared record has. */
export type FieldLength = { recordId: string; field: FieldAddress; length: number };

/**
 * The fields of `records` that have text, with their length in code points over LF line endings
 * (the text codings are measured against), in record order, then answer order, then `kinds` order.
 */
export function fieldLengths(
	records: readonly CorpusRecord[],
	kinds: readonly AnswerTextKind[] = ANSWER_TEXT_KINDS
): FieldLength[] {
	const lengths: FieldLength[] = [];
	for (const record of records) {
		record.answers.forEach((answer, index) => {
			for (const kind of kinds) {
				const length = codePointLength(normaliseLineEndings(answer[kind] ?? ''));
				if (length > 0) lengths.push({ recordId: record.id, field: fieldAddress(index, kind), length });
			}
		});
	}
	return lengths;
}

export type AgreementInput = {
	/** Every field of every compared record; each of its code points is a unit. */
	fields: readonly FieldLength[];
	codings: readonly Coding[];
	/** Two or more coders, each taken to have read every compared field. */
	coderIds: readonly string[];
	/**
	 * Codes to compare, in the order results should come. Without it: every code a chosen coder
	 * applied inside the compared fields, sorted by id.
	 */
	codeIds?: readonly string[];
};

export type Interval = [start: number, end: number];

/** Per compared code: per field index, per coder index, that coder's merged intervals. */
type CodedIntervals = Map<string, Map<number, Interval[][]>>;

type Prepared = {
	coderIds: string[];
	codeIds: string[];
	fields: FieldLength[];
	totalUnits: number;
	coded: CodedIntervals;
};

export function prepare(input: AgreementInput): Prepared {
	const coderIds = [...input.coderIds];
	if (coderIds.length < 2) throw new AgreementInputError('Choose at least two coders to compare');
	if (new Set(coderIds).size !== coderIds.length)
		throw new AgreementInputError('A coder was chosen twice; choose each coder once');
	const coderIndex = new Map(coderIds.map((id, index) => [id, index]));

	const fields = [...input.fields];
	const fieldIndex = new Map<string, number>();
	let totalUnits = 0;
	fields.forEach((entry, index) => {
		if (!Number.isInteger(entry.length) || entry.length < 0) {
			throw new AgreementInputError(
				`Field ${entry.field} of record ${entry.recordId} has length ${entry.length}; a length is a whole number of code points`
			);
		}
		const key = `${entry.recordId}\u0000${entry.field}`;
		if (fieldIndex.has(key))
			throw new AgreementInputError(`Field ${entry.field} of record ${entry.recordId} is listed twice`);
		fieldIndex.set(key, index);
		totalUnits += entry.length;
	});

	const wanted = input.codeIds ? new Set(input.codeIds) : null;
	const raw: CodedIntervals = new Map();
	for (const coding of input.codings) {
		const coder = coderIndex.get(coding.coderId);
		const field = fieldIndex.get(`${coding.recordId}\u0000${coding.field}`);
		if (coder === undefined || field === undefined || (wanted && !wanted.has(coding.codeId))) continue;
		// A coding reaching past the text (written against an older version of it) counts only where text is.
		const start = Math.max(0, coding.start);
		const end = Math.min(fields[field].length, coding.end);
		if (!(start < end)) continue;
		let byField = raw.get(coding.codeId);
		if (!byField) raw.set(coding.codeId, (byField = new Map()));
		let byCoder = byField.get(field);
		if (!byCoder) byField.set(field, (byCoder = coderIds.map(() => [])));
		byCoder[coder].push([start, end]);
	}
	for (const byField of raw.values()) {
		for (const byCoder of byField.values())
			byCoder.forEach((intervals, coder) => (byCoder[coder] = mergeIntervals(intervals)));
	}
	const codeIds = input.codeIds ? [...new Set(input.codeIds)] : [...raw.keys()].sort();
	return { coderIds, codeIds, fields, totalUnits, coded: raw };
}

/** Sorted, with overlapping and touching intervals joined, so a code point is counted once per coder. */
function mergeIntervals(intervals: Interval[]): Interval[] {
	const sorted = [...intervals].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
	const merged: Interval[] = [];
	for (const [start, end] of sorted) {
		const last = merged[merged.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	return merged;
}

/**
 * Walks the elementary segments of one field where at least one coder coded the code, calling
 * `visit` with the segment and which coders cover it. The `covering` array is reused between calls.
 */
export function sweep(
	byCoder: Interval[][],
	visit: (start: number, end: number, covering: readonly boolean[], count: number) => void
): void {
	const events: [position: number, coder: number, delta: 1 | -1][] = [];
	byCoder.forEach((intervals, coder) => {
		for (const [start, end] of intervals) events.push([start, coder, 1], [end, coder, -1]);
	});
	events.sort((x, y) => x[0] - y[0]);
	const covering = byCoder.map(() => false);
	let count = 0;
	for (let i = 0; i < events.length;) {
		const position = events[i][0];
		for (; i < events.length && events[i][0] === position; i++) {
			covering[events[i][1]] = events[i][2] === 1;
			count += events[i][2];
		}
		if (count > 0 && i < events.length) visit(position, events[i][0], covering, count);
	}
}
