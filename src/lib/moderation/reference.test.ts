import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, formatReference, parseReference } from './reference';

describe('testimony references', () => {
	it('leaves out characters that are read alike', () => {
		for (const lookalike of ['0', 'O', '1', 'I', 'L', 'U', 'V']) expect(REFERENCE_ALPHABET).not.toContain(lookalike);
		expect(new Set(REFERENCE_ALPHABET).size).toBe(REFERENCE_ALPHABET.length);
	});

	it('shows a reference in two groups of four', () => {
		expect(formatReference('7QM4TXRA')).toBe('7QM4-TXRA');
		expect(formatReference(null)).toBe('');
	});

	it('reads a typed reference whatever its case, spaces or dashes', () => {
		expect(parseReference('7qm4-txra')).toBe('7QM4TXRA');
		expect(parseReference(' 7QM4 TXRA ')).toBe('7QM4TXRA');
		expect(parseReference('７ＱＭ４ＴＸＲＡ')).toBe('7QM4TXRA');
	});

	it('refuses anything that is not a reference', () => {
		for (const input of ['', '7QM4-TXR', '7QM4-TXRAB', '7QM4-TXR0', 'OQM4TXRA', "7QM4' OR 1=1", '🙂🙂🙂🙂🙂🙂🙂🙂']) {
			expect(parseReference(input)).toBeNull();
		}
	});
});
