import { describe, expect, it } from 'vitest';
import {
	AgreementInputError,
	codePointAgreement,
	cohensKappa,
	disagreements,
	fieldLengths,
	krippendorffAlphaNominal,
	percentAgreement,
	type FieldLength
} from '.';
import type { Coding, CorpusRecord, FieldAddress } from '../types';

let nextCodingId = 0;
function coding(
	coderId: string,
	codeId: string,
	recordId: string,
	field: FieldAddress,
	start: number,
	end: number
): Coding {
	return { id: `coding-${++nextCodingId}`, recordId, field, start, end, codeId, coderId };
}

function repeat<V>(value: V, times: number): V[] {
	return new Array<V>(times).fill(value);
}

/** Expands codings into one row per coder of 1 (coded) / 0 (not coded) over every code point. */
function binaryMatrix(
	fields: readonly FieldLength[],
	codings: readonly Coding[],
	coderIds: readonly string[],
	codeId: string
): number[][] {
	return coderIds.map((coderId) =>
		fields.flatMap(({ recordId, field, length }) =>
			Array.from({ length }, (_, offset) =>
				codings.some(
					(c) =>
						c.coderId === coderId &&
						c.codeId === codeId &&
						c.recordId === recordId &&
						c.field === field &&
						c.start <= offset &&
						offset < c.end
				)
					? 1
					: 0
			)
		)
	);
}

describe('cohensKappa', () => {
	it("gives Cohen's textbook example: 50 units, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4", () => {
		const a = [...repeat('yes', 20), ...repeat('yes', 5), ...repeat('no', 10), ...repeat('no', 15)];
		const b = [...repeat('yes', 20), ...repeat('no', 5), ...repeat('yes', 10), ...repeat('no', 15)];
		// pₒ = (20 + 15) / 50 = 0.7
		// A says yes 25/50 = 0.5, B says yes 30/50 = 0.6 → pₑ = 0.5·0.6 + 0.5·0.4 = 0.5
		// κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
		expect(cohensKappa(a, b)).toBeCloseTo(0.4, 12);
	});

	it('handles more than two categories', () => {
		const a = ['housing', 'work', 'health', 'housing'];
		const b = ['housing', 'work', 'housing', 'housing'];
		// pₒ = 3/4; A: housing 2, work 1, health 1; B: housing 3, work 1
		// pₑ = (2·3 + 1·1 + 1·0) / 16 = 7/16; κ = (12/16 − 7/16) / (9/16) = 5/9
		expect(cohensKappa(a, b)).toBeCloseTo(5 / 9, 12);
	});

	it('is null when both coders put every unit in the same category (pₑ = 1)', () => {
		// pₑ = 1·1 = 1, so κ = (1 − 1) / (1 − 1) is 0/0
		expect(cohensKappa(['no', 'no', 'no'], ['no', 'no', 'no'])).toBeNull();
	});

	it('is defined when each coder uses a single but different category', () => {
		// pₒ = 0, pₑ = 1·0 + 0·1 = 0 → κ = 0
		expect(cohensKappa(['no', 'no'], ['yes', 'yes'])).toBe(0);
	});

	it('is null with no units, and refuses coders with different numbers of units', () => {
		expect(cohensKappa([], [])).toBeNull();
		expect(() => cohensKappa(['yes'], ['yes', 'no'])).toThrow(AgreementInputError);
	});
});

describe('krippendorffAlphaNominal', () => {
	// Krippendorff's worked example of nominal data with missing values: 4 coders, 12 units.
	const example = [
		[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
		[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
		[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
		[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
	];

	it("gives Krippendorff's worked example with four coders and missing values: α ≈ 0.743", () => {
		// Unit 12 has one value and is dropped; the other 11 units hold n = 3 + 8·4 + 3 + 2 = 40 values.
		// Disagreeing ordered pairs / (m_u − 1): unit 2 {2,2,3,2}: 6/3 = 2; unit 6 {1,2,3,4}: 12/3 = 4;
		// unit 8 {1,1,2,1}: 6/3 = 2 → Σ_{c≠k} o_ck = 8.
		// n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3 → Σ_{c≠k} n_c·n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216.
		// α = 1 − 39·8 / 1216 = 1 − 312/1216 = 0.74342…
		expect(krippendorffAlphaNominal(example)).toBeCloseTo(1 - 312 / 1216, 12);
		expect(krippendorffAlphaNominal(example)).toBeCloseTo(0.743, 3);
	});

	it('is null when every pairable value is in one category (D_e = 0)', () => {
		expect(
			krippendorffAlphaNominal([
				[1, 1, null],
				[1, 1, 2]
			])
		).toBeNull();
		expect(krippendorffAlphaNominal([[1], [null]])).toBeNull();
	});

	it('refuses a matrix whose rows have different numbers of units', () => {
		expect(() => krippendorffAlphaNominal([[1, 2], [1]])).toThrow(AgreementInputError);
	});
});

describe('percentAgreement', () => {
	it('counts units where every coder who gave a value agrees, ignoring units with one value', () => {
		// Same example: 11 pairable units; units 2, 6 and 8 disagree → 8/11.
		const example = [
			[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
			[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
			[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
			[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
		];
		expect(percentAgreement(example)).toBeCloseTo(8 / 11, 12);
	});

	it('is null when no unit has two values', () => {
		expect(
			percentAgreement([
				['a', null],
				[null, 'b']
			])
		).toBeNull();
	});
});

describe('codePointAgreement', () => {
	it('gives percent agreement, kappa and alpha of 1 when two coders agree on every code point', () => {
		const fields: FieldLength[] = [
			{ recordId: 'r1', field: '0.text', length: 10 },
			{ recordId: 'r1', field: '1.text', length: 5 }
		];
		const codings = [
			coding('amina', 'housing', 'r1', '0.text', 2, 5),
			coding('jonas', 'housing', 'r1', '0.text', 2, 5)
		];
		const [housing] = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] }).codes;
		// 15 units: both 3, neither 12. pₒ = 1; pₑ = 0.2·0.2 + 0.8·0.8 = 0.68; κ = 0.32/0.32 = 1; no disagreement → α = 1.
		expect(housing.table).toEqual({ both: 3, onlyA: 0, onlyB: 0, neither: 12 });
		expect(housing.percentAgreement).toBe(1);
		expect(housing.expectedAgreement).toBeCloseTo(0.68, 12);
		expect(housing.cohensKappa).toBe(1);
		expect(housing.krippendorffAlpha).toBe(1);
	});

	it('gives the exact negative kappa and alpha when two coders code complementary spans', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 10 }];
		const codings = [coding('amina', 'work', 'r1', '0.text', 0, 4), coding('jonas', 'work', 'r1', '0.text', 4, 10)];
		const [work] = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] }).codes;
		// onlyA 4, onlyB 6: pₒ = 0; pₑ = 0.4·0.6 + 0.6·0.4 = 0.48; κ = −0.48 / 0.52 = −12/13.
		// α: n = 20 values, 10 coded and 10 not; 10 disagreeing units → α = 1 − 19·10 / (10·10) = −0.9.
		expect(work.table).toEqual({ both: 0, onlyA: 4, onlyB: 6, neither: 0 });
		expect(work.percentAgreement).toBe(0);
		expect(work.cohensKappa).toBeCloseTo(-12 / 13, 12);
		expect(work.krippendorffAlpha).toBeCloseTo(-0.9, 12);
	});

	describe('on two records with two fields each', () => {
		const fields: FieldLength[] = [
			{ recordId: 'r1', field: '0.text', length: 12 },
			{ recordId: 'r1', field: '0.translation', length: 8 },
			{ recordId: 'r2', field: '0.text', length: 10 },
			{ recordId: 'r2', field: '1.text', length: 6 }
		];
		const twoCoders = [
			coding('amina', 'housing', 'r1', '0.text', 0, 6),
			coding('amina', 'housing', 'r2', '0.text', 2, 8),
			coding('jonas', 'housing', 'r1', '0.text', 3, 9),
			coding('jonas', 'housing', 'r1', '0.translation', 0, 4),
			coding('jonas', 'housing', 'r2', '0.text', 2, 8)
		];
		const third = [
			coding('chen', 'housing', 'r1', '0.text', 3, 6),
			coding('chen', 'housing', 'r2', '0.text', 0, 8),
			coding('chen', 'housing', 'r2', '1.text', 0, 6)
		];

		it('builds the 2×2 table and the three statistics for two coders', () => {
			const [housing] = codePointAgreement({ fields, codings: twoCoders, coderIds: ['amina', 'jonas'] }).codes;
			// r1 0.text (12): A [0,6), B [3,9) → both 3, onlyA 3, onlyB 3, neither 3
			// r1 0.translation (8): B [0,4) → onlyB 4, neither 4
			// r2 0.text (10): both [2,8) → both 6, neither 4
			// r2 1.text (6): neither 6
			// Total 36: both 9, onlyA 3, onlyB 7, neither 17.
			expect(housing.units).toBe(36);
			expect(housing.table).toEqual({ both: 9, onlyA: 3, onlyB: 7, neither: 17 });
			expect(housing.codedUnits).toEqual([12, 16]);
			// pₒ = 26/36 = 13/18
			expect(housing.percentAgreement).toBeCloseTo(13 / 18, 12);
			// pA = 12/36 = 1/3, pB = 16/36 = 4/9 → pₑ = 1/3·4/9 + 2/3·5/9 = 14/27
			expect(housing.expectedAgreement).toBeCloseTo(14 / 27, 12);
			// κ = (13/18 − 14/27) / (13/27) = (11/54) / (13/27) = 11/26
			expect(housing.cohensKappa).toBeCloseTo(11 / 26, 12);
			// α: n = 72, coded 28, not coded 44, 10 disagreeing units → 1 − 71·10 / (28·44) = 522/1232
			expect(housing.krippendorffAlpha).toBeCloseTo(522 / 1232, 12);
		});

		it('gives alpha for three coders from counts of how many coders coded each code point', () => {
			const codings = [...twoCoders, ...third];
			const coderIds = ['amina', 'jonas', 'chen'];
			const [housing] = codePointAgreement({ fields, codings, coderIds }).codes;
			// r1 0.text: [0,3) A → k=1 (3); [3,6) A B C → k=3 (3); [6,9) B → k=1 (3); [9,12) k=0 (3)
			// r1 0.translation: [0,4) B → k=1 (4); [4,8) k=0 (4)
			// r2 0.text: [0,2) C → k=1 (2); [2,8) A B C → k=3 (6); [8,10) k=0 (2)
			// r2 1.text: [0,6) C → k=1 (6)
			// k=0: 9, k=1: 18, k=2: 0, k=3: 9
			expect(housing.unitsByCoderCount).toEqual([9, 18, 0, 9]);
			expect(housing.codedUnits).toEqual([12, 16, 17]);
			// Agreeing units: k=0 or k=3 → 18/36
			expect(housing.percentAgreement).toBe(0.5);
			// n = 108, coded 45, not coded 63; a k=1 unit adds 1·2/2 = 1 disagreeing pair per direction → 18
			// α = 1 − 107·18 / (45·63) = 1 − 1926/2835 = 101/315
			expect(housing.krippendorffAlpha).toBeCloseTo(101 / 315, 12);
			expect(housing.krippendorffAlpha).toBeCloseTo(
				krippendorffAlphaNominal(binaryMatrix(fields, codings, coderIds, 'housing'))!,
				12
			);
			expect(housing.cohensKappa).toBeNull();
			expect(housing.table).toBeNull();
		});

		it('pools every (code, code point) unit of the compared codes for the overall figures', () => {
			const codings = [
				...twoCoders,
				coding('amina', 'documents', 'r2', '1.text', 0, 6),
				coding('jonas', 'documents', 'r2', '1.text', 0, 3)
			];
			const report = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] });
			// Codes without codeIds: sorted by id.
			expect(report.codes.map((code) => code.codeId)).toEqual(['documents', 'housing']);
			// documents: both 3, onlyA 3, onlyB 0, neither 30; housing as above → pooled both 12, onlyA 6, onlyB 7, neither 47.
			expect(report.codes[0].table).toEqual({ both: 3, onlyA: 3, onlyB: 0, neither: 30 });
			expect(report.overall.units).toBe(72);
			expect(report.overall.table).toEqual({ both: 12, onlyA: 6, onlyB: 7, neither: 47 });
			// pₒ = 59/72; pA = 18/72 = 1/4, pB = 19/72 → pₑ = (1·19 + 3·53) / 288 = 89/144
			// κ = (118/144 − 89/144) / (55/144) = 29/55
			expect(report.overall.percentAgreement).toBeCloseTo(59 / 72, 12);
			expect(report.overall.cohensKappa).toBeCloseTo(29 / 55, 12);
			// α: n = 144, coded 37, not coded 107, 13 disagreeing units → 1 − 143·13 / (37·107) = 2100/3959
			expect(report.overall.krippendorffAlpha).toBeCloseTo(2100 / 3959, 12);
		});

		it('lists the disagreement spans for two coders', () => {
			expect(disagreements({ fields, codings: twoCoders, coderIds: ['amina', 'jonas'] })).toEqual([
				{
					recordId: 'r1',
					field: '0.text',
					start: 0,
					end: 3,
					codeId: 'housing',
					codedBy: ['amina'],
					notCodedBy: ['jonas']
				},
				{
					recordId: 'r1',
					field: '0.text',
					start: 6,
					end: 9,
					codeId: 'housing',
					codedBy: ['jonas'],
					notCodedBy: ['amina']
				},
				{
					recordId: 'r1',
					field: '0.translation',
					start: 0,
					end: 4,
					codeId: 'housing',
					codedBy: ['jonas'],
					notCodedBy: ['amina']
				}
			]);
		});

		it('lists the disagreement spans for three coders, sorted by record, field and start', () => {
			// Codings given in reverse, and fields listed with r2's second field first, to show the order is not theirs.
			const codings = [...twoCoders, ...third].reverse();
			const shuffled = [fields[3], fields[2], fields[1], fields[0]];
			expect(disagreements({ fields: shuffled, codings, coderIds: ['amina', 'jonas', 'chen'] })).toEqual([
				{
					recordId: 'r2',
					field: '0.text',
					start: 0,
					end: 2,
					codeId: 'housing',
					codedBy: ['chen'],
					notCodedBy: ['amina', 'jonas']
				},
				{
					recordId: 'r2',
					field: '1.text',
					start: 0,
					end: 6,
					codeId: 'housing',
					codedBy: ['chen'],
					notCodedBy: ['amina', 'jonas']
				},
				{
					recordId: 'r1',
					field: '0.text',
					start: 0,
					end: 3,
					codeId: 'housing',
					codedBy: ['amina'],
					notCodedBy: ['jonas', 'chen']
				},
				{
					recordId: 'r1',
					field: '0.text',
					start: 6,
					end: 9,
					codeId: 'housing',
					codedBy: ['jonas'],
					notCodedBy: ['amina', 'chen']
				},
				{
					recordId: 'r1',
					field: '0.translation',
					start: 0,
					end: 4,
					codeId: 'housing',
					codedBy: ['jonas'],
					notCodedBy: ['amina', 'chen']
				}
			]);
		});
	});

	it('counts overlapping and repeated codings by one coder once', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 20 }];
		const codings = [
			coding('amina', 'housing', 'r1', '0.text', 0, 5),
			coding('amina', 'housing', 'r1', '0.text', 3, 8),
			coding('amina', 'housing', 'r1', '0.text', 0, 5),
			coding('jonas', 'housing', 'r1', '0.text', 0, 8)
		];
		const [housing] = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] }).codes;
		// A's codings merge to [0,8): both 8, neither 12.
		expect(housing.table).toEqual({ both: 8, onlyA: 0, onlyB: 0, neither: 12 });
		expect(housing.cohensKappa).toBe(1);
	});

	it('ignores codings outside the compared fields, by other coders, or of codes not asked for', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 10 }];
		const codings = [
			coding('amina', 'housing', 'r1', '0.text', 0, 4),
			coding('jonas', 'housing', 'r1', '0.text', 0, 4),
			coding('amina', 'housing', 'r9', '0.text', 4, 10),
			coding('amina', 'housing', 'r1', '1.text', 4, 10),
			coding('chen', 'housing', 'r1', '0.text', 4, 10),
			coding('jonas', 'health', 'r1', '0.text', 4, 10)
		];
		const report = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'], codeIds: ['housing'] });
		expect(report.codes.map((code) => code.codeId)).toEqual(['housing']);
		expect(report.codes[0].table).toEqual({ both: 4, onlyA: 0, onlyB: 0, neither: 6 });
		expect(disagreements({ fields, codings, coderIds: ['amina', 'jonas'], codeIds: ['housing'] })).toEqual([]);
	});

	it('counts a coding that runs past the end of its field only up to the end', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 6 }];
		const codings = [coding('amina', 'work', 'r1', '0.text', 2, 40), coding('jonas', 'work', 'r1', '0.text', 2, 6)];
		const [work] = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] }).codes;
		expect(work.table).toEqual({ both: 4, onlyA: 0, onlyB: 0, neither: 2 });
	});

	it('gives a null kappa and alpha for a code nobody used, and for a code both coders put on every code point', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 7 }];
		const codings = [coding('amina', 'safety', 'r1', '0.text', 0, 7), coding('jonas', 'safety', 'r1', '0.text', 0, 7)];
		const [safety, health] = codePointAgreement({
			fields,
			codings,
			coderIds: ['amina', 'jonas'],
			codeIds: ['safety', 'health']
		}).codes;
		// safety: both 7 → pₑ = 1·1 + 0·0 = 1; health: neither 7 → pₑ = 0·0 + 1·1 = 1. Both κ = 0/0; D_e = 0 for α.
		for (const code of [safety, health]) {
			expect(code.percentAgreement).toBe(1);
			expect(code.expectedAgreement).toBe(1);
			expect(code.cohensKappa).toBeNull();
			expect(code.krippendorffAlpha).toBeNull();
		}
		expect(health.table).toEqual({ both: 0, onlyA: 0, onlyB: 0, neither: 7 });
	});

	it('merges adjacent codings by one coder into one disagreement span', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '2.englishTranslation', length: 9 }];
		const codings = [
			coding('amina', 'work', 'r1', '2.englishTranslation', 0, 3),
			coding('amina', 'work', 'r1', '2.englishTranslation', 3, 6)
		];
		expect(disagreements({ fields, codings, coderIds: ['amina', 'jonas'] })).toEqual([
			{
				recordId: 'r1',
				field: '2.englishTranslation',
				start: 0,
				end: 6,
				codeId: 'work',
				codedBy: ['amina'],
				notCodedBy: ['jonas']
			}
		]);
	});

	it('orders fields within a record by answer index, not as text', () => {
		const fields: FieldLength[] = [
			{ recordId: 'r1', field: '10.text', length: 4 },
			{ recordId: 'r1', field: '2.translation', length: 4 },
			{ recordId: 'r1', field: '2.text', length: 4 }
		];
		const codings = fields.map(({ field }) => coding('jonas', 'health', 'r1', field, 0, 1));
		expect(disagreements({ fields, codings, coderIds: ['amina', 'jonas'] }).map((span) => span.field)).toEqual([
			'2.text',
			'2.translation',
			'10.text'
		]);
	});

	it('has no units, and no figures, when nothing is compared', () => {
		const report = codePointAgreement({ fields: [], codings: [], coderIds: ['amina', 'jonas'], codeIds: ['housing'] });
		expect(report.codes[0]).toMatchObject({
			units: 0,
			percentAgreement: null,
			cohensKappa: null,
			krippendorffAlpha: null
		});
		expect(report.overall.units).toBe(0);
	});

	it('refuses fewer than two coders, a coder chosen twice, and a field listed twice', () => {
		const fields: FieldLength[] = [{ recordId: 'r1', field: '0.text', length: 4 }];
		expect(() => codePointAgreement({ fields, codings: [], coderIds: ['amina'] })).toThrow(AgreementInputError);
		expect(() => codePointAgreement({ fields, codings: [], coderIds: ['amina', 'amina'] })).toThrow(
			AgreementInputError
		);
		expect(() =>
			codePointAgreement({ fields: [...fields, ...fields], codings: [], coderIds: ['amina', 'jonas'] })
		).toThrow(AgreementInputError);
	});

	it('compares 300 records × 4 fields × 2,000 code points × 60 codes from counts, not per code point', () => {
		const kinds = ['text', 'transcript', 'translation', 'englishTranslation'] as const;
		const fields: FieldLength[] = [];
		for (let record = 0; record < 300; record++)
			for (const kind of kinds) fields.push({ recordId: `r${record}`, field: `0.${kind}`, length: 2000 });
		const codings: Coding[] = [];
		for (let code = 0; code < 60; code++) {
			for (let record = 0; record < 300; record++) {
				codings.push(coding('amina', `c${code}`, `r${record}`, '0.translation', code * 30, code * 30 + 20));
				codings.push(coding('jonas', `c${code}`, `r${record}`, '0.translation', code * 30 + 10, code * 30 + 30));
			}
		}
		const report = codePointAgreement({ fields, codings, coderIds: ['amina', 'jonas'] });
		// Per code and record: both 10, onlyA 10, onlyB 10, over 300·4·2000 = 2,400,000 units.
		expect(report.codes).toHaveLength(60);
		expect(report.codes[59].table).toEqual({ both: 3000, onlyA: 3000, onlyB: 3000, neither: 2_400_000 - 9000 });
		expect(report.overall.units).toBe(144_000_000);
		expect(disagreements({ fields, codings, coderIds: ['amina', 'jonas'] })).toHaveLength(60 * 300 * 2);
	});
});

describe('fieldLengths', () => {
	it('measures each non-empty field in code points over LF line endings', () => {
		const record: CorpusRecord = {
			id: 'r1',
			month: '2025-03',
			channelId: 'ch-it',
			country: 'IT',
			locale: 'ar',
			sessionId: null,
			consentToQuote: true,
			group: null,
			context: {},
			translationLocale: 'it',
			answers: [
				{
					questionId: 'q-housing',
					questionVersion: 1,
					domain: 'housing',
					// 'لا مكان لنا ' is 12 code points, the emoji 1, CRLF becomes one LF, 'بعد القرار' 10 → 24
					text: 'لا مكان لنا 🏠\r\nبعد القرار',
					transcript: '',
					translation: 'Nessun posto dopo la decisione',
					englishTranslation: ''
				}
			]
		};
		expect(fieldLengths([record])).toEqual([
			{ recordId: 'r1', field: '0.text', length: 24 },
			{ recordId: 'r1', field: '0.translation', length: 30 }
		]);
		expect(fieldLengths([record], ['translation'])).toEqual([{ recordId: 'r1', field: '0.translation', length: 30 }]);
	});
});
