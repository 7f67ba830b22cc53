import { ANSWER_TEXT_KINDS, parseFieldAddress, type FieldAddress } from '../types';
import { prepare, sweep, type AgreementInput, type FieldLength } from './units';

/*
 * Agreement between coders over codings: per code and pooled, with the counts behind each
 * figure, and the stretches of text where the chosen coders differ.
 */

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
			const degenerate =
				(codedUnits[0] === 0 && codedUnits[1] === 0) || (codedUnits[0] === units && codedUnits[1] === units);
			result.expectedAgreement = degenerate ? 1 : shareA * shareB + (1 - shareA) * (1 - shareB);
			if (!degenerate)
				result.cohensKappa = (agreeingUnits / units - result.expectedAgreement) / (1 - result.expectedAgreement);
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
	keyed.sort(
		(x, y) =>
			x.record - y.record ||
			x.answer - y.answer ||
			x.kind - y.kind ||
			(x.field < y.field ? -1 : x.field > y.field ? 1 : 0)
	);
	const order = new Array<number>(fields.length);
	keyed.forEach(({ index }, rank) => (order[index] = rank));
	return order;
}
