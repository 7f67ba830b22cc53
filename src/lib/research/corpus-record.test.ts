import { describe, expect, it } from 'vitest';
import { toCorpusRecord } from './corpus-record';
import { answer } from './corpus-index/testing';
import { recordContent } from './testing';

const metadata = { id: 'r1', month: '2026-04', channelId: 'c1', sessionId: null };

describe('toCorpusRecord', () => {
	it('joins the server’s metadata with the plaintext and gives every answer all four texts, with LF line endings', () => {
		const record = toCorpusRecord(
			{
				locale: 'ar',
				country: 'IT',
				consentToQuote: true,
				answers: [{ questionId: 'housing', questionVersion: 2, domain: 'housing', text: 'سطر\r\nسطر' }]
			},
			metadata
		);
		expect(record).toEqual({
			...metadata,
			locale: 'ar',
			country: 'IT',
			consentToQuote: true,
			group: null,
			context: {},
			translationLocale: '',
			answers: [
				{
					questionId: 'housing',
					questionVersion: 2,
					domain: 'housing',
					text: 'سطر\nسطر',
					transcript: '',
					translation: '',
					englishTranslation: ''
				}
			]
		});
	});

	it('treats anything but a literal true as no consent to quote', () => {
		expect(toCorpusRecord({ consentToQuote: 'yes' }, metadata).consentToQuote).toBe(false);
		expect(toCorpusRecord({}, metadata).answers).toEqual([]);
	});

	it('reads a record sealed in format 1, as moderation builds it, after a trip through JSON', () => {
		const sealed = recordContent({
			locale: 'ti',
			country: 'IT',
			group: { participants: 5, languages: ['ti', 'am'] },
			translationLocale: 'it',
			answers: [
				answer('', {
					questionId: 'work',
					questionVersion: 3,
					domain: 'work',
					transcript: 'ስራሕ',
					translation: 'Lavoro',
					englishTranslation: 'Work'
				})
			]
		});
		expect(toCorpusRecord(JSON.parse(JSON.stringify(sealed)), metadata)).toEqual({
			...metadata,
			locale: 'ti',
			country: 'IT',
			consentToQuote: true,
			context: { ageBand: '25-34' },
			group: { participants: 5, languages: ['ti', 'am'] },
			translationLocale: 'it',
			answers: sealed.answers
		});
	});
});
