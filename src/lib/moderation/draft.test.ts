import { describe, expect, it } from 'vitest';
import { applyRedactions, nextPseudonym, type Redaction } from './draft';

describe('redactions', () => {
	const redactions: Redaction[] = [
		{ text: 'Blessing', replacement: 'Person A', category: 'NAME' },
		{ text: 'Blessing Okoro', replacement: 'Person B', category: 'NAME' },
		{ text: 'Castel Volturno', replacement: '[PLACE]', category: 'PLACE' }
	];

	it('replaces every occurrence, the longest text first', () => {
		expect(applyRedactions('Blessing Okoro left Castel Volturno. Blessing stayed.', redactions)).toBe(
			'Person B left [PLACE]. Person A stayed.'
		);
	});

	it('gives the next unused pseudonym', () => {
		expect(nextPseudonym(redactions)).toBe('Person C');
		expect(nextPseudonym([])).toBe('Person A');
	});
});
