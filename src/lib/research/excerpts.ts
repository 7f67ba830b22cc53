import Papa from 'papaparse';
import { CodeTree } from './codebook-tree';
import { contextAnswerLabel, NO_CONTEXT_LABELS, type ContextLabels } from '$lib/context-labels';
import type { StaffTranslate } from '$lib/staff-i18n';
import { contextCodeLabel, contextLabel, formerCoder, recordFieldLabels, speakerValue } from './labels';
import { FORMULA_START } from './patterns';
import { codePointLength, normaliseLineEndings, sliceCodePoints } from './offsets';
import { ANSWER_TEXT_KINDS, parseFieldAddress } from './types';
import type { AnswerTextKind, Code, Coder, Coding, CorpusRecord, FieldAddress } from './types';

/*
 * Coded excerpts with the attributes of the record they come from, one row per coding, for
 * reading in a spreadsheet or a statistics package. Unlike the aggregates this file carries
 * testimony text, so the caller decides (and the page warns) how it is kept.
 */

export type ExcerptOptions = {
	/** The words of the file's language (a coder no longer in the directory is named in them). */
	t: StaffTranslate;
	/** The channel's name as staff know it (the record carries only its id). */
	channelName: (channelId: string) => string;
	/** The session's label; only called for records given at a session. */
	sessionLabel: (sessionId: string) => string;
	/** Only records whose author agreed to be quoted. */
	quotableOnly?: boolean;
	/** Only codings of these codes (`CodeTree.withDescendants` gives a theme's); all codes when absent. */
	codeIds?: ReadonlySet<string>;
	/** Only codings by these coders; all coders when absent. */
	coderIds?: ReadonlySet<string>;
};

export type ExcerptRow = {
	recordId: string;
	/** `YYYY-MM` */
	month: string;
	country: string;
	channel: string;
	/** Language the person wrote or spoke in (BCP 47). */
	locale: string;
	/** `''` for a record not given at a session. */
	session: string;
	/** Said by a group at a session rather than one person. */
	group: boolean;
	consentToQuote: boolean;
	/** Every context key found in the corpus, `''` where this record has none. */
	context: Record<string, string>;
	/** From 0, as in the field address. */
	answerIndex: number;
	/** `''` when the question has no domain. */
	domain: string;
	fieldKind: AnswerTextKind;
	field: FieldAddress;
	/** Code points from 0, end exclusive, as stored. */
	start: number;
	end: number;
	/** "Theme › Sub-theme" */
	codePath: string;
	codeId: string;
	coderName: string;
	text: string;
};

/** Context keys of the corpus, in a fixed (sorted) order so two exports line up column by column. */
export function contextKeys(records: readonly CorpusRecord[]): string[] {
	return [...new Set(records.flatMap((record) => Object.keys(record.context)))].sort();
}

const kindOrder = (kind: AnswerTextKind) => ANSWER_TEXT_KINDS.indexOf(kind);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareRows(a: ExcerptRow, b: ExcerptRow): number {
	return (
		a.codePath.localeCompare(b.codePath, 'en') ||
		compareText(a.month, b.month) ||
		compareText(a.recordId, b.recordId) ||
		a.answerIndex - b.answerIndex ||
		kindOrder(a.fieldKind) - kindOrder(b.fieldKind) ||
		a.start - b.start ||
		a.end - b.end ||
		compareText(a.coderName, b.coderName) ||
		compareText(a.codeId, b.codeId)
	);
}

/**
 * One row per coding, sorted by code path, month, record, field and start. Codings whose record
 * or code is not passed in are left out (so the caller narrows by what it passes), and so are
 * codings whose range does not fit their field's text: a row must quote what was coded.
 */
export function excerptRows(
	records: readonly CorpusRecord[],
	codings: readonly Coding[],
	codes: readonly Code[],
	coders: readonly Coder[],
	options: ExcerptOptions
): ExcerptRow[] {
	const keys = contextKeys(records);
	const kept = options.quotableOnly ? records.filter((record) => record.consentToQuote) : records;
	const recordsById = new Map(kept.map((record) => [record.id, record]));
	const tree = new CodeTree(codes);
	const coderNames = new Map(coders.map((coder) => [coder.id, coder.name]));
	const rows: ExcerptRow[] = [];
	for (const coding of codings) {
		const record = recordsById.get(coding.recordId);
		const codePath = tree.node(coding.codeId)?.path;
		if (!record || codePath === undefined) continue;
		if (options.codeIds && !options.codeIds.has(coding.codeId)) continue;
		if (options.coderIds && !options.coderIds.has(coding.coderId)) continue;
		const parsed = parseFieldAddress(coding.field);
		const answer = parsed ? record.answers[parsed.answerIndex] : undefined;
		if (!parsed || !answer) continue;
		const fieldText = normaliseLineEndings(answer[parsed.kind] ?? '');
		const { start, end } = coding;
		if (
			!Number.isInteger(start) ||
			!Number.isInteger(end) ||
			start < 0 ||
			end <= start ||
			end > codePointLength(fieldText)
		)
			continue;
		rows.push({
			recordId: record.id,
			month: record.month,
			country: record.country,
			channel: options.channelName(record.channelId),
			locale: record.locale,
			session: record.sessionId === null ? '' : options.sessionLabel(record.sessionId),
			group: Boolean(record.group),
			consentToQuote: record.consentToQuote,
			context: Object.fromEntries(
				keys.map((key) => [key, Object.hasOwn(record.context, key) ? record.context[key] : ''])
			),
			answerIndex: parsed.answerIndex,
			domain: answer.domain ?? '',
			fieldKind: parsed.kind,
			field: coding.field,
			start,
			end,
			codePath,
			codeId: coding.codeId,
			coderName: coderNames.get(coding.coderId) ?? formerCoder(options.t),
			text: sliceCodePoints(fieldText, start, end)
		});
	}
	return rows.sort(compareRows);
}

/** How many different records the rows quote from (what an export notice reports). */
export function recordsIn(rows: readonly ExcerptRow[]): number {
	return new Set(rows.map((row) => row.recordId)).size;
}

/**
 * The rows as CSV with a header row, in the language `t` words. Cells a spreadsheet would run as
 * a formula (testimony, code names and labels are typed by people) get a leading apostrophe.
 */
export function excerptsCsv(
	rows: readonly ExcerptRow[],
	t: StaffTranslate,
	labels: ContextLabels = NO_CONTEXT_LABELS
): string {
	const keys = [...new Set(rows.flatMap((row) => Object.keys(row.context)))].sort();
	const fields = recordFieldLabels(t);
	// The same columns in the same order in every language, so a team can merge its files.
	const header = [
		fields.record,
		fields.month,
		fields.country,
		fields.channel,
		fields.locale,
		fields.session,
		fields.group,
		fields.consentToQuote,
		...keys.flatMap((key) => [contextLabel(key, t, labels), contextCodeLabel(key, t, labels)]),
		t('staff_codebook_export_header_answer_index'),
		t('staff_codebook_export_header_domain'),
		t('staff_codebook_export_header_field_kind'),
		t('staff_codebook_export_header_start'),
		t('staff_codebook_export_header_end'),
		t('staff_codebook_export_header_code_path'),
		t('staff_codebook_export_header_code_id'),
		t('staff_codebook_export_header_coder'),
		t('staff_codebook_export_header_text')
	];
	const body = rows.map((row) => [
		row.recordId,
		row.month,
		row.country,
		row.channel,
		row.locale,
		row.session,
		speakerValue(row.group, t),
		t(row.consentToQuote ? 'staff_codebook_export_cell_yes' : 'staff_codebook_export_cell_no'),
		...keys.flatMap((key) => {
			const code = row.context[key] ?? '';
			return [code && contextAnswerLabel(labels, key, code), code];
		}),
		row.answerIndex,
		row.domain,
		row.fieldKind,
		row.start,
		row.end,
		row.codePath,
		row.codeId,
		row.coderName,
		row.text
	]);
	return Papa.unparse([header, ...body], { escapeFormulae: FORMULA_START });
}
