import type { CorpusAnswer, CorpusRecord } from './types';

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

/** A record without its answers: what the workspace needs of every record as soon as it opens (its filter lists). */
export type RecordHead = Omit<CorpusRecord, 'answers'> & {
	/** Each answer's domain, in order. */
	domains: (string | null)[];
};

export function recordHead(record: CorpusRecord): RecordHead {
	const { id, month, channelId, sessionId, country, locale, consentToQuote, group, context, translationLocale } =
		record;
	const domains = answerDomains(record);
	return {
		id,
		month,
		channelId,
		sessionId,
		country,
		locale,
		consentToQuote,
		group,
		context,
		translationLocale,
		domains
	};
}

/** Each answer's domain, without reading the answers of an opened record not shown yet. */
export function answerDomains(record: CorpusRecord): (string | null)[] {
	return record instanceof OpenedCorpusRecord ? record.domains : record.answers.map((answer) => answer.domain);
}

/** The worker checked that each plaintext is UTF-8. */
const utf8 = new TextDecoder();

/**
 * A record the worker decrypted, as the page holds it: the head at once, the answers read from
 * the plaintext's bytes the first time they are asked for. Most records of a large corpus are
 * never shown; reading every one again on the page, as the worker already had, was a third of
 * the page's work while a corpus opened.
 */
export class OpenedCorpusRecord implements CorpusRecord {
	readonly id: string;
	readonly month: string;
	readonly channelId: string;
	readonly sessionId: string | null;
	readonly country: string;
	readonly locale: string;
	readonly consentToQuote: boolean;
	readonly group: CorpusRecord['group'];
	readonly context: Record<string, string>;
	readonly translationLocale: string;
	readonly domains: (string | null)[];
	#plaintext: Uint8Array | null;
	#answers: CorpusAnswer[] | null = null;

	constructor(head: RecordHead, plaintext: Uint8Array) {
		this.id = head.id;
		this.month = head.month;
		this.channelId = head.channelId;
		this.sessionId = head.sessionId;
		this.country = head.country;
		this.locale = head.locale;
		this.consentToQuote = head.consentToQuote;
		this.group = head.group;
		this.context = head.context;
		this.translationLocale = head.translationLocale;
		this.domains = head.domains;
		this.#plaintext = plaintext;
	}

	get answers(): CorpusAnswer[] {
		if (!this.#answers) {
			this.#answers = toCorpusRecord(JSON.parse(utf8.decode(this.#plaintext!)), this).answers;
			this.#plaintext = null;
		}
		return this.#answers;
	}
}
