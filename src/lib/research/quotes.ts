import { normaliseLineEndings, sliceCodePoints } from './offsets';
import { byPosition, CodeTree } from './codebook-tree';
import { formatMonth, type Wording } from './wording';
import {
	ANSWER_TEXT_KINDS,
	fieldText,
	parseFieldAddress,
	textLocale,
	type Code,
	type Coding,
	type CorpusRecord,
	type FieldAddress
} from './types';

/*
 * Quotable excerpts: coded passages from the records whose authors consented to quoting, with
 * an attribution coarse enough that it cannot point at a person (who spoke, country, language,
 * month). Records without that consent never reach a quote, whatever the caller passes in.
 */

export type QuoteAttributes = {
	/** `YYYY-MM`: a quote is never dated more precisely. */
	month: string;
	/** ISO 3166 alpha-2 country of the channel. */
	country: string;
	/** BCP 47 language the person wrote or spoke in. */
	language: string;
	/** Said by a group at a facilitated session rather than one person. */
	group: boolean;
};

export type Quote = {
	/** The first of the codings of this span (several coders may have coded it alike). */
	codingId: string;
	recordId: string;
	field: FieldAddress;
	/** Code points, end exclusive, as coded. */
	start: number;
	end: number;
	/** The coded passage, without the blank space at its ends. */
	text: string;
	/** Language of the quoted text: the original's, or that of the translation quoted. */
	textLocale: string;
	attributes: QuoteAttributes;
	/** The first coder of the span. */
	coderId: string;
	/** Every coder of the span, the first one first. */
	coderIds: string[];
};

export type CodeQuotes = {
	codeId: string;
	/** "Theme › Sub-theme". */
	codePath: string;
	/** 0 for a top-level code. */
	depth: number;
	quotes: Quote[];
};

export type QuoteBankOptions = {
	/** Codes to list (in codebook order whatever the order given); every code when not given. */
	codeIds?: readonly string[];
	/** A code's quotes include the passages coded with its sub-codes. */
	includeDescendants?: boolean;
};

type Located = { quote: Quote; recordIndex: number; answerIndex: number; kindIndex: number };

/**
 * For each code, the passages coded with it in consenting records, in corpus order: records as
 * given, then answer, then text (original before translations), then position. A span coded
 * alike by several coders, or with a code and its sub-code when sub-codes are included, appears
 * once.
 */
export function quoteBank(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	{ codeIds, includeDescendants = false }: QuoteBankOptions = {}
): CodeQuotes[] {
	const quotable = new Map<string, { record: CorpusRecord; index: number }>();
	records.forEach((record, index) => {
		if (record.consentToQuote === true) quotable.set(record.id, { record, index });
	});
	const codingsByCode = new Map<string, Coding[]>();
	for (const coding of codings) {
		if (!quotable.has(coding.recordId)) continue;
		const list = codingsByCode.get(coding.codeId);
		if (list) list.push(coding);
		else codingsByCode.set(coding.codeId, [coding]);
	}

	// Codebook order as every aggregate lists it, so quotes and charts agree.
	const tree = new CodeTree(codes, { order: byPosition });
	const wanted = codeIds === undefined ? null : new Set(codeIds);
	return tree.nodes
		.filter(({ code }) => wanted === null || wanted.has(code.id))
		.map(({ code, path, depth }) => {
			const counted = includeDescendants ? tree.withDescendants(code.id) : [code.id];
			const bySpan = new Map<string, Located>();
			for (const coding of counted.flatMap((id) => codingsByCode.get(id) ?? [])) {
				const key = [coding.recordId, coding.field, coding.start, coding.end].join('\u0000');
				const seen = bySpan.get(key);
				if (seen) {
					if (!seen.quote.coderIds.includes(coding.coderId)) seen.quote.coderIds.push(coding.coderId);
					continue;
				}
				const located = locate(coding, quotable.get(coding.recordId)!);
				if (located) bySpan.set(key, located);
			}
			const quotes = [...bySpan.values()]
				.sort(
					(a, b) =>
						a.recordIndex - b.recordIndex ||
						a.answerIndex - b.answerIndex ||
						a.kindIndex - b.kindIndex ||
						a.quote.start - b.quote.start ||
						a.quote.end - b.quote.end
				)
				.map(({ quote }) => quote);
			return { codeId: code.id, codePath: path, depth, quotes };
		});
}

/** The quote a coding points at, or null when its address no longer fits the record. */
function locate(coding: Coding, { record, index }: { record: CorpusRecord; index: number }): Located | null {
	const address = parseFieldAddress(coding.field);
	const whole = fieldText(record, coding.field);
	if (!address || whole === null || !(coding.start >= 0 && coding.end > coding.start)) return null;
	const text = sliceCodePoints(normaliseLineEndings(whole), coding.start, coding.end).trim();
	if (!text) return null;
	return {
		recordIndex: index,
		answerIndex: address.answerIndex,
		kindIndex: ANSWER_TEXT_KINDS.indexOf(address.kind),
		quote: {
			codingId: coding.id,
			recordId: record.id,
			field: coding.field,
			start: coding.start,
			end: coding.end,
			text,
			textLocale: textLocale(record, address.kind),
			attributes: {
				month: record.month,
				country: record.country,
				language: record.locale,
				group: record.group !== null
			},
			coderId: coding.coderId,
			coderIds: [coding.coderId]
		}
	};
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])/;
const COUNTRY = /^[A-Za-z]{2}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The attribution printed with a quote, in the staff member's language: "Survivor, FR, ar,
 * March 2026" or "Groupe, FR, ti, mars 2026". A month is cut to the month and anything that is
 * not a plain country or language code is left out, so the line can never carry more than
 * those four facts.
 */
export function quoteCitation(quote: Pick<Quote, 'attributes'>, wording: Wording): string {
	const { month, country, language, group } = quote.attributes;
	const parts = [wording.t(group ? 'staff_analysis_citation_group' : 'staff_analysis_citation_survivor')];
	if (COUNTRY.test(country)) parts.push(country.toUpperCase());
	if (LANGUAGE.test(language)) parts.push(language);
	const shownMonth = MONTH.exec(month)?.[0];
	if (shownMonth) parts.push(formatMonth(wording.locale(), shownMonth));
	return parts.join(', ');
}
