import { describe, expect, it } from 'vitest';
import { AgreementInputError, codePointAgreement, disagreements, fieldLengths, type FieldLength } from '.';
import type { Coding, CorpusRecord } from '../types';
import { coding } from './fixtures';

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
