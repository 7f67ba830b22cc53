import { TEXT_KIND_LABELS } from '../labels';
import { codePointLength, normaliseLineEndings } from '../offsets';
import { ANSWER_TEXT_KINDS, fieldAddress, textLocale } from '../types';
import type { AnswerTextKind, CorpusAnswer, CorpusRecord, FieldAddress } from '../types';
import { toGuid } from './guid';
import type { RecordSourceText } from './types';

/* Each record as the plain text of a `sources/<guid>.txt` file, and the name its source goes by. */

function fieldHeading(record: CorpusRecord, answer: CorpusAnswer, answerIndex: number, kind: AnswerTextKind): string {
	return `[Answer ${answerIndex + 1} · ${answer.domain ?? answer.questionId} · ${TEXT_KIND_LABELS[kind].inline} · ${textLocale(record, kind)}]`;
}

/** A field's text as codings address it (LF line endings), or null when it has nothing to code. */
export function codableText(answer: CorpusAnswer, kind: AnswerTextKind): string | null {
	const text = normaliseLineEndings(answer[kind] ?? '');
	return text.trim() === '' ? null : text;
}

/**
 * One plain text per record: every non-empty field under a bracketed heading, fields separated by
 * a blank line. The field's own text is copied untouched, so a coding's offsets inside the field
 * only need the field's starting offset added.
 */
export function recordSourceText(record: CorpusRecord): RecordSourceText {
	const fieldOffsets: Partial<Record<FieldAddress, number>> = {};
	const blocks: string[] = [];
	let offset = 0;
	record.answers.forEach((answer, answerIndex) => {
		for (const kind of ANSWER_TEXT_KINDS) {
			const text = codableText(answer, kind);
			if (text === null) continue;
			const lead = `${blocks.length > 0 ? '\n\n' : ''}${fieldHeading(record, answer, answerIndex, kind)}\n`;
			fieldOffsets[fieldAddress(answerIndex, kind)] = offset + codePointLength(lead);
			blocks.push(lead + text);
			offset += codePointLength(lead) + codePointLength(text);
		}
	});
	return { text: blocks.length > 0 ? blocks.join('') + '\n' : '', fieldOffsets };
}

/** What a source is called in the other tool: when, where and in which language, never what was said. */
export function sourceName(record: CorpusRecord): string {
	const kind = record.group ? 'Group testimony' : 'Testimony';
	return `${kind} ${record.month} · ${record.country.toUpperCase()} · ${record.locale} · ${toGuid(record.id).slice(0, 8)}`;
}
