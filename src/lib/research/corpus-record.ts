import type { CorpusRecord } from './types';

/*
 * A research record as moderation seals it under the corpus key, and as the researcher's browser
 * turns it back into a `CorpusRecord` once decrypted.
 */

/** One answer of a research record: the redacted texts researchers read and code. */
export type ResearchAnswerV1 = {
	questionId: string;
	questionVersion: number;
	/** The question's domain in the default codebook's terms (rights, housing…), if any. */
	domain: string | null;
	text: string;
	transcript: string;
	translation: string;
	englishTranslation: string;
};

/**
 * The plaintext of a research record, format 1, as it is encrypted under the corpus key. `v` and
 * `kind` travel inside the ciphertext; the record's id, month, channel and session travel beside
 * it as metadata the server already knows.
 */
export type ResearchRecordV1 = {
	v: 1;
	kind: 'research-record';
	/** Language the survivor wrote or spoke in (BCP 47). */
	locale: string;
	mode: 'guided' | 'free';
	/** Country of the channel (ISO 3166 alpha-2). */
	country: string;
	consentToQuote: boolean;
	context: Record<string, string>;
	group: { participants: number; languages: string[] } | null;
	/** Language of each answer's `translation`. */
	translationLocale: string;
	answers: ResearchAnswerV1[];
};

/** A decrypted record before it is checked: any field may be missing or of another type. */
export type ResearchRecordPlaintext = { [K in keyof ResearchRecordV1]?: unknown } & {
	answers?: { [K in keyof ResearchAnswerV1]?: unknown }[];
};

/** What the server knows of a record anyway, sent beside its ciphertext. */
export type RecordMetadata = { id: string; month: string; channelId: string; sessionId: string | null };

/** LF only, as codings count; most texts have no CR, and skipping them keeps opening fast. */
const lf = (value: unknown): string => {
	const text = typeof value === 'string' ? value : '';
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
};

/**
 * A decrypted research record as the workspace uses it: the server's metadata joined with the
 * plaintext's fields, every text present (empty when missing) and with LF line endings.
 */
export function toCorpusRecord(plaintext: ResearchRecordPlaintext, metadata: RecordMetadata): CorpusRecord {
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
