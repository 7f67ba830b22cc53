import { describe, expect, it } from 'vitest';
import { toCorpusRecord } from './corpus-record';

const metadata = { id: 'r1', month: '2026-04', channelId: 'c1', sessionId: null };

describe('toCorpusRecord', () => {
	it('joins the server’s metadata with the plaintext and gives every answer all four texts, with LF line endings', () => {
		const record = toCorpusRecord(
			{ locale: 'ar', country: 'IT', consentToQuote: true, answers: [{ questionId: 'housing', questionVersion: 2, domain: 'housing', text: 'سطر\r\nسطر' }] },
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
			answers: [{ questionId: 'housing', questionVersion: 2, domain: 'housing', text: 'سطر\nسطر', transcript: '', translation: '', englishTranslation: '' }]
		});
	});

	it('treats anything but a literal true as no consent to quote', () => {
		expect(toCorpusRecord({ consentToQuote: 'yes' }, metadata).consentToQuote).toBe(false);
		expect(toCorpusRecord({}, metadata).answers).toEqual([]);
	});
});
