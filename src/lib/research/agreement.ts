/**
 * Agreement between coders: generic nominal statistics (percent agreement, Cohen's kappa,
 * Krippendorff's alpha) and their application to codings, where every code point of a compared
 * field is a unit and each coder either coded it with a code or did not.
 *
 * Pure and synchronous, so it runs in the researcher's browser or a worker on decrypted text.
 */
import { codePointLength, normaliseLineEndings } from './offsets';
import { ANSWER_TEXT_KINDS, fieldAddress, parseFieldAddress, type AnswerTextKind, type Coding, type CorpusRecord, type FieldAddress } from './types';

/** Input the statistics cannot be computed on: a caller's mistake, not a property of the data. */
export class AgreementInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AgreementInputError';
	}
}

/**
 * A reliability matrix: one row per coder, one column per unit, `null` where a coder gave no
 * value. Values are compared as `Map` keys do (SameValueZero), so objects compare by identity.
 */
export type ReliabilityMatrix<V> = readonly (readonly (V | null)[])[];

function unitCount<V>(matrix: ReliabilityMatrix<V>): number {
	const units = matrix[0]?.length ?? 0;
	matrix.forEach((row, coder) => {
		if (row.length !== units) {
			throw new AgreementInputError(`Coder ${coder + 1} has ${row.length} values but coder 1 has ${units}; every row needs one value (or null) per unit`);
		}
	});
	return units;
}

/** The values given to one unit, skipping missing ones. */
function unitValues<V>(matrix: ReliabilityMatrix<V>, unit: number): V[] {
	const values: V[] = [];
	for (const row of matrix) {
		const value = row[unit];
		if (value !== null) values.push(value);
	}
	return values;
}

/**
 * Share of units on which every coder who gave a value gave the same one. Units with fewer than
 * two values are left out, as in Krippendorff's alpha: a single value agrees with nothing.
 * `null` when no unit has two values.
 */
export function percentAgreement<V>(matrix: ReliabilityMatrix<V>): number | null {
	const units = unitCount(matrix);
	let pairable = 0;
	let agreeing = 0;
	for (let unit = 0; unit < units; unit++) {
		const values = unitValues(matrix, unit);
		if (values.length < 2) continue;
		pairable++;
		if (new Set(values).size === 1) agreeing++;
	}
	return pairable === 0 ? null : agreeing / pairable;
}

/** Equality as `Map` and `Set` see it: like `===`, except that NaN equals NaN. */
function sameValueZero(x: unknown, y: unknown): boolean {
	return x === y || (x !== x && y !== y);
}

/**
 * Cohen's kappa for two coders who each put every unit in one nominal category:
 * κ = (pₒ − pₑ) / (1 − pₑ), with pₒ the share of units they agree on and pₑ the agreement
 * expected by chance, Σ over categories of the product of the two coders' shares.
 *
 * `null` when there are no units, and when pₑ = 1, which happens only when both coders put every
 * unit in the same single category: agreement is then total but cannot be told from chance, and
 * the formula is 0/0. Reporting 1 would claim a reliability the data cannot show.
 */
export function cohensKappa<V>(a: readonly V[], b: readonly V[]): number | null {
	if (a.length !== b.length) {
		throw new AgreementInputError(`Cohen's kappa needs one value per unit from each coder; got ${a.length} and ${b.length}`);
	}
	const units = a.length;
	if (units === 0) return null;
	const countsA = new Map<V, number>();
	const countsB = new Map<V, number>();
	let agreeing = 0;
	for (let unit = 0; unit < units; unit++) {
		countsA.set(a[unit], (countsA.get(a[unit]) ?? 0) + 1);
		countsB.set(b[unit], (countsB.get(b[unit]) ?? 0) + 1);
		if (sameValueZero(a[unit], b[unit])) agreeing++;
	}
	if (countsA.size === 1 && countsB.size === 1 && countsB.has(a[0])) return null;
	let expected = 0;
	for (const [category, countA] of countsA) expected += (countA / units) * ((countsB.get(category) ?? 0) / units);
	return (agreeing / units - expected) / (1 - expected);
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed:
 * α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where o is the coincidence
 * matrix (each ordered pair of values within a unit of m_u values adds 1 / (m_u − 1)), n_c its
 * marginals and n the number of pairable values. Units with fewer than two values are dropped.
 * `null` when D_e = 0: no pairable values, or a single category among them.
 */
export function krippendorffAlphaNominal<V>(matrix: ReliabilityMatrix<V>): number | null {
	const units = unitCount(matrix);
	const marginals = new Map<V, number>();
	let pairableValues = 0;
	let offDiagonal = 0;
	for (let unit = 0; unit < units; unit++) {
		const values = unitValues(matrix, unit);
		const m = values.length;
		if (m < 2) continue;
		const inUnit = new Map<V, number>();
		for (const value of values) inUnit.set(value, (inUnit.get(value) ?? 0) + 1);
		// Ordered pairs of differing values in the unit: all m² pairs minus those within one category.
		let samePairs = 0;
		for (const [value, count] of inUnit) {
			samePairs += count * count;
			marginals.set(value, (marginals.get(value) ?? 0) + count);
		}
		offDiagonal += (m * m - samePairs) / (m - 1);
		pairableValues += m;
	}
	let expectedPairs = pairableValues * pairableValues;
	for (const count of marginals.values()) expectedPairs -= count * count;
	if (expectedPairs === 0) return null;
	return 1 - ((pairableValues - 1) * offDiagonal) / expectedPairs;
}

// ——— Code-point agreement over codings ———

/** How many code points one field of one compared record has. */
export type FieldLength = { recordId: string; field: FieldAddress; length: number };

/**
 * The fields of `records` that have text, with their length in code points over LF line endings
 * (the text codings are measured against), in record order, then answer order, then `kinds` order.
 */
export function fieldLengths(records: readonly CorpusRecord[], kinds: readonly AnswerTextKind[] = ANSWER_TEXT_KINDS): FieldLength[] {
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

/** Two coders' units, cross-tabulated: coded by both, by the first only, by the second only, by neither. */
export type BinaryTable = { both: number; onlyA: number; onlyB: number; neither: number };

/**
 * The figures for one code (or pooled over codes) and the counts behind them, so a reader can
 * see how each came about. A statistic that cannot be computed is `null`:
 * - every figure when `units` is 0;
 * - `cohensKappa`, `expectedAgreement` and `table` unless exactly two coders are compared;
 * - `cohensKappa` when pₑ = 1 (`expectedAgreement` is then 1): both coders coded every unit, or
 *   neither coded any;
 * - `krippendorffAlpha` when D_e = 0: every coder coded every unit, or no coder coded any.
 */
export type AgreementFigures = {
	/** Code points compared (for the pooled figures, code points × codes). */
	units: number;
	/** Units on which all chosen coders agree: coded by all or by none. */
	agreeingUnits: number;
	percentAgreement: number | null;
	/** Cohen's pₑ. */
	expectedAgreement: number | null;
	cohensKappa: number | null;
	krippendorffAlpha: number | null;
	/** Units each chosen coder coded, in the order of `coderIds`. */
	codedUnits: number[];
	/** `[k]` is the number of units coded by exactly k of the chosen coders, k = 0…coders. */
	unitsByCoderCount: number[];
	table: BinaryTable | null;
};

export type CodeAgreement = AgreementFigures & { codeId: string };

export type AgreementReport = {
	coderIds: string[];
	codes: CodeAgreement[];
	/**
	 * Pooled: every (code, code point) pair of every compared code is one unit, coded or not, and
	 * the statistics are computed once over all of them. Unlike an average of per-code figures, it
	 * is defined whenever any code varies, and weighs each code by what it contributes to the
	 * table rather than equally; codes that are rarely used add many "neither" units, which raise
	 * percent agreement far more than kappa or alpha, which correct for chance.
	 */
	overall: AgreementFigures;
};

/** One stretch where the chosen coders differ on a code. */
export type Disagreement = {
	recordId: string;
	field: FieldAddress;
	start: number;
	end: number;
	codeId: string;
	/** In the order of `coderIds`. */
	codedBy: string[];
	notCodedBy: string[];
};

type Interval = [start: number, end: number];

/** Per compared code: per field index, per coder index, that coder's merged intervals. */
type CodedIntervals = Map<string, Map<number, Interval[][]>>;

type Prepared = {
	coderIds: string[];
	codeIds: string[];
	fields: FieldLength[];
	totalUnits: number;
	coded: CodedIntervals;
};

function prepare(input: AgreementInput): Prepared {
	const coderIds = [...input.coderIds];
	if (coderIds.length < 2) throw new AgreementInputError('Choose at least two coders to compare');
	if (new Set(coderIds).size !== coderIds.length) throw new AgreementInputError('A coder was chosen twice; choose each coder once');
	const coderIndex = new Map(coderIds.map((id, index) => [id, index]));

	const fields = [...input.fields];
	const fieldIndex = new Map<string, number>();
	let totalUnits = 0;
	fields.forEach((entry, index) => {
		if (!Number.isInteger(entry.length) || entry.length < 0) {
			throw new AgreementInputError(`Field ${entry.field} of record ${entry.recordId} has length ${entry.length}; a length is a whole number of code points`);
		}
		const key = `${entry.recordId}\u0000${entry.field}`;
		if (fieldIndex.has(key)) throw new AgreementInputError(`Field ${entry.field} of record ${entry.recordId} is listed twice`);
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
		for (const byCoder of byField.values()) byCoder.forEach((intervals, coder) => (byCoder[coder] = mergeIntervals(intervals)));
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
function sweep(byCoder: Interval[][], visit: (start: number, end: number, covering: readonly boolean[], count: number) => void): void {
	const events: [position: number, coder: number, delta: 1 | -1][] = [];
	byCoder.forEach((intervals, coder) => {
		for (const [start, end] of intervals) events.push([start, coder, 1], [end, coder, -1]);
	});
	events.sort((x, y) => x[0] - y[0]);
	const covering = byCoder.map(() => false);
	let count = 0;
	for (let i = 0; i < events.length; ) {
		const position = events[i][0];
		for (; i < events.length && events[i][0] === position; i++) {
			covering[events[i][1]] = events[i][2] === 1;
			count += events[i][2];
		}
		if (count > 0 && i < events.length) visit(position, events[i][0], covering, count);
	}
}

function figures(unitsByCoderCount: number[], codedUnits: number[]): AgreementFigures {
	const coders = codedUnits.length;
	const units = unitsByCoderCount.reduce((sum, count) => sum + count, 0);
	const agreeingUnits = unitsByCoderCount[0] + unitsByCoderCount[coders];
	const result: AgreementFigures = {
		units,
		agreeingUnits,
		percentAgreement: units === 0 ? null : agreeingUnits / units,
		expectedAgreement: null,
		cohensKappa: null,
		krippendorffAlpha: binaryAlpha(unitsByCoderCount, codedUnits),
		codedUnits,
		unitsByCoderCount,
		table: null
	};
	if (coders === 2) {
		const both = unitsByCoderCount[2];
		result.table = { both, onlyA: codedUnits[0] - both, onlyB: codedUnits[1] - both, neither: unitsByCoderCount[0] };
		if (units > 0) {
			const shareA = codedUnits[0] / units;
			const shareB = codedUnits[1] / units;
			const degenerate = (codedUnits[0] === 0 && codedUnits[1] === 0) || (codedUnits[0] === units && codedUnits[1] === units);
			result.expectedAgreement = degenerate ? 1 : shareA * shareB + (1 - shareA) * (1 - shareB);
			if (!degenerate) result.cohensKappa = (agreeingUnits / units - result.expectedAgreement) / (1 - result.expectedAgreement);
		}
	}
	return result;
}

/**
 * Krippendorff's nominal alpha from counts alone: with every coder valuing every unit (m values)
 * and k of them "coded", a unit adds k(m − k)/(m − 1) to each off-diagonal cell of the coincidence
 * matrix, and the marginals are the coded and uncoded totals.
 */
function binaryAlpha(unitsByCoderCount: number[], codedUnits: number[]): number | null {
	const coders = codedUnits.length;
	const values = unitsByCoderCount.reduce((sum, count) => sum + count, 0) * coders;
	const coded = codedUnits.reduce((sum, count) => sum + count, 0);
	const uncoded = values - coded;
	if (coded === 0 || uncoded === 0) return null;
	let offDiagonal = 0;
	unitsByCoderCount.forEach((units, k) => (offDiagonal += (units * k * (coders - k)) / (coders - 1)));
	return 1 - ((values - 1) * offDiagonal) / (coded * uncoded);
}

/**
 * Agreement per code and pooled over codes, treating each code point of each compared field as a
 * unit that each chosen coder either coded with the code or did not. Codings by other coders,
 * outside the compared fields, or of codes not asked for are ignored; one coder's overlapping or
 * repeated codings of a code count once. Work is proportional to the number of codings, not to
 * the number of code points.
 */
export function codePointAgreement(input: AgreementInput): AgreementReport {
	const { coderIds, codeIds, totalUnits, coded } = prepare(input);
	const coders = coderIds.length;
	const pooledCounts = new Array<number>(coders + 1).fill(0);
	const pooledCoded = new Array<number>(coders).fill(0);
	const codes = codeIds.map((codeId): CodeAgreement => {
		const unitsByCoderCount = new Array<number>(coders + 1).fill(0);
		const codedUnits = new Array<number>(coders).fill(0);
		for (const byCoder of coded.get(codeId)?.values() ?? []) {
			byCoder.forEach((intervals, coder) => {
				for (const [start, end] of intervals) codedUnits[coder] += end - start;
			});
			sweep(byCoder, (start, end, _covering, count) => (unitsByCoderCount[count] += end - start));
		}
		unitsByCoderCount[0] = totalUnits - unitsByCoderCount.reduce((sum, count) => sum + count, 0);
		unitsByCoderCount.forEach((count, k) => (pooledCounts[k] += count));
		codedUnits.forEach((count, coder) => (pooledCoded[coder] += count));
		return { codeId, ...figures(unitsByCoderCount, codedUnits) };
	});
	return { coderIds, codes, overall: figures(pooledCounts, pooledCoded) };
}

/**
 * Where the chosen coders differ: maximal spans over which the same coders coded a code and the
 * others did not. Sorted by record (in the order records first appear in `fields`), then field
 * (answer index, then text kind), then start, then code (in the order `codePointAgreement` reports).
 */
export function disagreements(input: AgreementInput): Disagreement[] {
	const { coderIds, codeIds, fields, coded } = prepare(input);
	const fieldOrder = fieldSortOrder(fields);
	const found: { span: Disagreement; fieldOrder: number; codeIndex: number }[] = [];
	codeIds.forEach((codeId, codeIndex) => {
		for (const [fieldIndex, byCoder] of coded.get(codeId) ?? []) {
			const { recordId, field } = fields[fieldIndex];
			let last: { covering: boolean[]; span: Disagreement } | null = null;
			sweep(byCoder, (start, end, covering, count) => {
				if (count === coderIds.length) return;
				if (last && last.span.end === start && last.covering.every((value, coder) => value === covering[coder])) {
					last.span.end = end;
					return;
				}
				const span: Disagreement = {
					recordId,
					field,
					start,
					end,
					codeId,
					codedBy: coderIds.filter((_, coder) => covering[coder]),
					notCodedBy: coderIds.filter((_, coder) => !covering[coder])
				};
				found.push({ span, fieldOrder: fieldOrder[fieldIndex], codeIndex });
				last = { covering: [...covering], span };
			});
		}
	});
	found.sort((x, y) => x.fieldOrder - y.fieldOrder || x.span.start - y.span.start || x.codeIndex - y.codeIndex);
	return found.map(({ span }) => span);
}

/** Each field's rank: records in order of first appearance, then answer index, then text kind. */
function fieldSortOrder(fields: readonly FieldLength[]): number[] {
	const recordOrder = new Map<string, number>();
	for (const { recordId } of fields) if (!recordOrder.has(recordId)) recordOrder.set(recordId, recordOrder.size);
	const keyed = fields.map(({ recordId, field }, index) => {
		const parsed = parseFieldAddress(field);
		return {
			index,
			record: recordOrder.get(recordId)!,
			answer: parsed?.answerIndex ?? Number.MAX_SAFE_INTEGER,
			kind: parsed ? ANSWER_TEXT_KINDS.indexOf(parsed.kind) : ANSWER_TEXT_KINDS.length,
			field
		};
	});
	keyed.sort((x, y) => x.record - y.record || x.answer - y.answer || x.kind - y.kind || (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
	const order = new Array<number>(fields.length);
	keyed.forEach(({ index }, rank) => (order[index] = rank));
	return order;
}
