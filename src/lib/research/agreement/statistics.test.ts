import { describe, expect, it } from 'vitest';
import { AgreementInputError, cohensKappa, krippendorffAlphaNominal, percentAgreement } from '.';

function repeat<V>(value: V, times: number): V[] {
	return new Array<V>(times).fill(value);
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
