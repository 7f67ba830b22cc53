import { describe, expect, it } from 'vitest';
import { codePointAgreement, disagreements, krippendorffAlphaNominal, type FieldLength } from '.';
import type { Coding } from '../types';
import { coding } from './fixtures';

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

describe('codePointAgreement', () => {
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
});
