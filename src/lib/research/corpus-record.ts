import type { CorpusAnswer, CorpusRecord } from './types';

/** What the server knows of a record anyway, sent beside its ciphertext. */
export type RecordMetadata = { id: string; month: string; channelId: string; sessionId: string | null };

type AnswerPlaintext = Partial<Record<keyof CorpusAnswer, unknown>>;
type RecordPlaintext = Partial<Record<keyof CorpusRecord, unknown>> & { answers?: AnswerPlaintext[] };

/** LF only, as codings count; most texts have no CR, and skipping them keeps opening fast. */
const lf = (value: unknown): string => {
	const text = typeof value === 'string' ? value : '';
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
};

/**
 * A decrypted research record as the workspace uses it: the server's metadata joined with the
 * plaintext's fields, every text present (empty when missing) and with LF line endings.
 */
export function toCorpusRecord(plaintext: RecordPlaintext, metadata: RecordMetadata): CorpusRecord {
	return {
		id: metadata.id,
		month: metadata.month,
		channelId: metadata.channelId,
		sessionId: metadata.sessionId,
		country: typeof plaintext.country === 'string' ? plaintext.country : '',
		locale: typeof plaintext.locale === 'string' ? plaintext.locale : '',
		consentToQuote: plaintext.consentToQuote === true,
		group: (plaintext.group as CorpusRecord['group']) ?? null,
		context: (plaintext.context as Record<string, string>) ?? {},
		translationLocale: typeof plaintext.translationLocale === 'string' ? plaintext.translationLocale : '',
		answers: (Array.isArray(plaintext.answers) ? plaintext.answers : []).map((answer) => ({
			questionId: String(answer.questionId ?? ''),
			questionVersion: Number(answer.questionVersion ?? 1),
			domain: typeof answer.domain === 'string' ? answer.domain : null,
			text: lf(answer.text),
			transcript: lf(answer.transcript),
			translation: lf(answer.translation),
			englishTranslation: lf(answer.englishTranslation)
		}))
	};
}
