import { describe, expect, it } from 'vitest';
import type { Redaction } from './draft';
import { applyRedactions, insertedRanges, nextPseudonym, people, pseudonymFor, redactPieces } from './redact';

const name = (text: string, replacement: string): Redaction => ({ text, replacement, category: 'NAME' });

describe('applying redactions', () => {
	const redactions: Redaction[] = [
		name('Blessing', 'Person A'),
		name('Blessing Okoro', 'Person B'),
		{ text: 'Castel Volturno', replacement: '[PLACE]', category: 'PLACE' }
	];

	it('replaces every occurrence, the longest text first', () => {
		expect(applyRedactions('Blessing Okoro left Castel Volturno. Blessing stayed.', redactions)).toBe(
			'Person B left [PLACE]. Person A stayed.'
		);
	});

	it('never replaces inside a placeholder already put in', () => {
		const withLetter = [name('Okoro', 'Person A'), { text: 'A', replacement: '[OTHER]', category: 'OTHER' } as const];
		expect(applyRedactions('Okoro has A grade.', withLetter)).toBe('Person A has [OTHER] grade.');
	});

	it('makes a first name and a surname redacted apart into one pseudonym, not "Person A Person A"', () => {
		const parts = [name('بلسينغ', 'Person A'), name('أوكورو', 'Person A')];
		expect(applyRedactions('قالت بلسينغ أوكورو إنها ستساعد.', parts)).toBe('قالت Person A إنها ستساعد.');
		expect(applyRedactions('Blessing-Okoro', [name('Blessing', 'Person A'), name('Okoro', 'Person A')])).toBe(
			'Person A'
		);
	});

	it('keeps two people apart when their pseudonyms differ or words stand between them', () => {
		const two = [name('Ama', 'Person A'), name('Kofi', 'Person B')];
		expect(applyRedactions('Ama Kofi', two)).toBe('Person A Person B');
		expect(applyRedactions('Ama and Ama', [name('Ama', 'Person A')])).toBe('Person A and Person A');
	});

	it('says where the inserted placeholders are in the redacted text', () => {
		const pieces = redactPieces('I met Okoro in Lagos.', [name('Okoro', 'Person A')]);
		expect(insertedRanges(pieces)).toEqual([{ start: 6, end: 14 }]);
	});
});

describe('choosing a pseudonym', () => {
	it('gives the next unused pseudonym', () => {
		expect(nextPseudonym([name('Blessing', 'Person A'), name('Okoro', 'Person B')])).toBe('Person C');
		expect(nextPseudonym([])).toBe('Person A');
	});

	it('gives part of a known full name, or the full name of a known part, the same pseudonym', () => {
		const known = [name('Blessing Okoro', 'Person A')];
		expect(pseudonymFor('Okoro', known, [])).toBe('Person A');
		expect(pseudonymFor('OKORO', known, [])).toBe('Person A');
		expect(pseudonymFor('Blessing Okoro', [name('Okoro', 'Person A')], [])).toBe('Person A');
		expect(pseudonymFor('Kofi Okoro', known, [])).toBe('Person B');
	});

	it('gives a surname written right after a pseudonymised first name that person’s pseudonym', () => {
		const texts = ['قالت السيدة بلسينغ أوكورو إنها ستساعد.'];
		expect(pseudonymFor('أوكورو', [name('بلسينغ', 'Person A')], texts)).toBe('Person A');
		expect(pseudonymFor('السيدة', [name('بلسينغ', 'Person A')], ['السيدة بلسينغ'])).toBe('Person A');
		expect(pseudonymFor('Lagos', [name('بلسينغ', 'Person A')], ['بلسينغ went to Lagos'])).toBe('Person B');
	});

	it('lists each person with every spelling linked to them', () => {
		const redactions = [
			name('بلسينغ أوكورو', 'Person A'),
			name('Kofi', 'Person B'),
			name('Blessing Okoro', 'Person A'),
			{ text: 'Lagos', replacement: '[PLACE]', category: 'PLACE' } as const
		];
		expect(people(redactions)).toEqual([
			{ pseudonym: 'Person A', spellings: ['بلسينغ أوكورو', 'Blessing Okoro'] },
			{ pseudonym: 'Person B', spellings: ['Kofi'] }
		]);
	});
});
