/**
 * The research corpus as the researcher's browser sees it once decrypted. Nothing here is ever
 * sent back to the server except codings (addresses, never text) and sealed memos.
 */

/** The texts of one answer that can be read, searched and coded. */
export const ANSWER_TEXT_KINDS = ['text', 'transcript', 'translation', 'englishTranslation'] as const;
export type AnswerTextKind = (typeof ANSWER_TEXT_KINDS)[number];

export type CorpusAnswer = {
	questionId: string;
	questionVersion: number;
	/** The question's domain in the default codebook's terms (rights, housing…), if any. */
	domain: string | null;
} & Record<AnswerTextKind, string>;

export type CorpusRecord = {
	id: string;
	/** Month the testimony was approved, `YYYY-MM`: the only time a record carries. */
	month: string;
	channelId: string;
	/** Country of the channel (ISO 3166 alpha-2). */
	country: string;
	/** Language the survivor wrote or spoke in (BCP 47). */
	locale: string;
	sessionId: string | null;
	consentToQuote: boolean;
	/** Said by a group at a facilitated session rather than one person. */
	group: { participants: number; languages: string[] } | null;
	/** Coarse context the person chose to give (age band, gender, years since protection…). */
	context: Record<string, string>;
	/** Language of `translation` (the channel's working language). */
	translationLocale: string;
	answers: CorpusAnswer[];
};

/**
 * Where a coding or excerpt lives: `"<answer index>.<text kind>"`, e.g. `"2.translation"`.
 */
export type FieldAddress = `${number}.${AnswerTextKind}`;

export function fieldAddress(answerIndex: number, kind: AnswerTextKind): FieldAddress {
	return `${answerIndex}.${kind}`;
}

export function parseFieldAddress(field: string): { answerIndex: number; kind: AnswerTextKind } | null {
	const match = /^(\d{1,4})\.([A-Za-z]+)$/.exec(field);
	if (!match || !(ANSWER_TEXT_KINDS as readonly string[]).includes(match[2])) return null;
	return { answerIndex: Number(match[1]), kind: match[2] as AnswerTextKind };
}

/** The text a field address points at, or null if the record has no such field. */
export function fieldText(record: CorpusRecord, field: string): string | null {
	const parsed = parseFieldAddress(field);
	if (!parsed) return null;
	const answer = record.answers[parsed.answerIndex];
	return answer ? answer[parsed.kind] : null;
}

/** The language a field of the record is written in: the original's, or that of the translation. */
export function textLocale(record: CorpusRecord, kind: AnswerTextKind): string {
	if (kind === 'translation') return record.translationLocale;
	if (kind === 'englishTranslation') return 'en';
	return record.locale;
}

/** A code of the team's codebook (plaintext on the server: code names are not testimony). */
export type Code = {
	id: string;
	parentId: string | null;
	name: string;
	/** `#rrggbb` */
	colour: string;
	description: string;
	inclusion: string;
	exclusion: string;
	example: string;
	archived: boolean;
	position: number;
	/** Set when the reader's language has no translation of the name, so the base text is shown. */
	untranslated?: boolean;
};

/** A code's name and description in one language. */
export type CodeText = { name: string; description: string };

/** Each code's name and description by locale, the codebook's base language included. */
export type CodeTexts = Record<string, Record<string, CodeText>>;

/**
 * One coder's application of a code to a span of a record's field. Offsets are Unicode code
 * points from 0, end exclusive, over text with LF line endings (the REFI-QDA convention).
 */
export type Coding = {
	id: string;
	recordId: string;
	field: FieldAddress;
	start: number;
	end: number;
	codeId: string;
	coderId: string;
};

export type Coder = { id: string; name: string };
