import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';
import type { AnswerTextKind, CorpusRecord } from '$lib/research/types';

/*
 * How the records pages name an answer and its texts, in the staff member's language (the
 * shared TEXT_KIND_LABELS also name texts inside exported files, which these must not change).
 */

const KIND_KEYS: Record<AnswerTextKind, StaffMessageKey> = {
	text: 'staff_research_kind_text',
	transcript: 'staff_research_kind_transcript',
	translation: 'staff_research_kind_translation',
	englishTranslation: 'staff_research_kind_english_translation'
};

export function textKindHeading(t: StaffTranslate, kind: AnswerTextKind): string {
	return t(KIND_KEYS[kind]);
}

/** "Answer 2 · Housing": its place in the record, and its question's domain when it has one. */
export function answerLabel(t: StaffTranslate, record: CorpusRecord | undefined, index: number): string {
	const domain = record?.answers[index]?.domain;
	const answer = t('staff_research_answer', { number: index + 1 });
	return domain ? `${answer} · ${domain}` : answer;
}
