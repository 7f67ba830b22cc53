import { exportWords } from './testing';
import { describe, expect, it } from 'vitest';
import {
	contextCodeLabel,
	contextLabel,
	countryName,
	languageName,
	plural,
	speakerValue,
	TEXT_KIND_LABELS,
	today
} from './labels';

const english = exportWords('en');

describe('labels', () => {
	it('names countries and languages in English, and falls back to the code it cannot name', () => {
		expect(countryName('IT')).toBe('Italy');
		expect(languageName('ti')).toBe('Tigrinya');
		expect(countryName('not a region')).toBe('not a region');
		expect(languageName('not a tag')).toBe('not a tag');
	});

	it('calls each kind of text by its heading, its choice and its name inside a line', () => {
		expect(TEXT_KIND_LABELS.text).toEqual({ heading: 'Original', choice: 'Original text', inline: 'original' });
		expect(TEXT_KIND_LABELS.englishTranslation.inline).toBe('English translation');
	});

	it('writes context keys, speakers, counts and dates the same way everywhere', () => {
		expect(contextLabel('ageBand', english)).toBe('Context: ageBand');
		const labels = { preferNot: 'Prefer not to say', questions: { ageBand: { question: 'Age', options: {} } } };
		expect([contextLabel('ageBand', english, labels), contextCodeLabel('ageBand', english, labels)]).toEqual([
			'Context: Age',
			'Context: Age (code)'
		]);
		expect(speakerValue(true, english)).toBe('group');
		expect(speakerValue(false, english)).toBe('individual');
		expect([plural(1, 'coding', 'codings'), plural(0, 'coding', 'codings')]).toEqual(['1 coding', '0 codings']);
		expect(today(new Date(2026, 2, 5, 23, 30))).toBe('2026-03-05');
	});
});
