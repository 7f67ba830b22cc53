import { describe, expect, it } from 'vitest';
import { codePointLength, sliceCodePoints } from '../offsets';
import { fieldText, type FieldAddress } from '../types';
import { recordSourceText } from '.';
import { answer, arabic, french, tigrinya } from './testing';

describe('recordSourceText', () => {
	it('puts every non-empty field under a heading and gives the code point where its text starts', () => {
		const { text, fieldOffsets } = recordSourceText(french);
		expect(Object.keys(fieldOffsets)).toEqual(['0.text', '0.translation', '1.text']);
		for (const [field, offset] of Object.entries(fieldOffsets) as [FieldAddress, number][]) {
			const ownText = fieldText(french, field) ?? '';
			expect(sliceCodePoints(text, offset, offset + codePointLength(ownText))).toBe(ownText);
		}
		expect(text.startsWith('[Answer 1 · housing · original · fr]\nOn nous a mis')).toBe(true);
		expect(text).toContain('\n\n[Answer 1 · housing · translation · nl]\nWe werden');
		expect(text).toContain('\n\n[Answer 2 · rights · original · fr]\nLe renouvellement');
		expect(text.endsWith('pas de travail.\n')).toBe(true);
	});

	it('labels a voice transcript and an English translation with their languages', () => {
		const { text } = recordSourceText(tigrinya);
		expect(text).toContain('[Answer 1 · work · transcript · ti]\nስራሕ');
		expect(text).toContain('[Answer 1 · work · English translation · en]\nFinding work');
	});

	it('writes LF line endings only, with offsets counted over them', () => {
		const record = { ...arabic, answers: [answer('housing', { text: 'سطر أول\r\nسطر ثان\rثالث' })] };
		const { text, fieldOffsets } = recordSourceText(record);
		expect(text).not.toContain('\r');
		const start = fieldOffsets['0.text'] ?? -1;
		const expected = 'سطر أول\nسطر ثان\nثالث';
		expect(sliceCodePoints(text, start, start + codePointLength(expected))).toBe(expected);
	});
});
