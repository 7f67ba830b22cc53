/** The questionnaire's rules and the admin's forms: sections, domains, limits on wording and options. */
import * as v from 'valibot';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { QUESTION_KINDS } from '../db/schema';
import type { RefusalKey } from '../http/errors';
import { staffFieldIssue, staffIssue } from '../http/refusals';
import { QuestionRefused } from './errors';

export const QUESTION_SECTIONS = ['guided', 'free', 'context'] as const;
export type QuestionSection = (typeof QUESTION_SECTIONS)[number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The top-level domains of the default codebook a question can feed. */
export const QUESTION_DOMAINS = [
	'rights',
	'safety',
	'housing',
	'work',
	'education',
	'health',
	'social',
	'services',
	'discrimination',
	'strengths'
] as const;

export const MAX_QUESTION_TEXT = 1000;
export const MAX_OPTION_LABEL = 200;
export const MAX_OPTIONS = 20;

export const QUESTION_ID = /^[a-z][a-z0-9_]{1,40}$/;
/** Option ids may start with a digit: the shipped age bands are `18to24`, `25to34` … */
export const OPTION_ID = /^[a-z0-9][a-z0-9_]{0,40}$/;
/** The survivor page adds this answer to every context question itself. */
export const RESERVED_OPTION_ID = 'prefer_not';
/**
 * Embedding, override and isolate controls can make a stored text display differently from
 * what it says (the "Trojan Source" trick); the marks LRM/RLM stay allowed.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Text an admin types for survivors; `field` is the catalogue key of its name, for the refusals. */
export const wording = (field: RefusalKey, maxLength: number) =>
	v.pipe(
		v.string(staffFieldIssue('staff_refusals_wording_text', field)),
		v.transform((text) => text.replace(/\r\n?/g, '\n').trim()),
		v.maxLength(maxLength, staffFieldIssue('staff_refusals_wording_length', field, { max: maxLength })),
		v.check((text) => !BIDI_CONTROLS.test(text), staffFieldIssue('staff_refusals_wording_bidi', field))
	);

const checkbox = v.pipe(
	v.nullable(v.string()),
	v.transform((value) => value === 'on')
);

/** The create form as the route reads it from FormData (missing fields arrive as null). */
export const newQuestionForm = v.object({
	id: v.pipe(
		v.string(staffIssue('staff_refusals_question_give_id')),
		v.trim(),
		v.regex(QUESTION_ID, staffIssue('staff_refusals_question_id_shape', { min: 2, max: 41 }))
	),
	section: v.picklist(QUESTION_SECTIONS, staffIssue('staff_refusals_question_section')),
	domain: v.pipe(
		v.string(staffIssue('staff_refusals_question_domain')),
		v.transform((value) => (value === '' ? null : value)),
		v.nullable(v.picklist(QUESTION_DOMAINS, staffIssue('staff_refusals_question_domain')))
	),
	kind: v.picklist(QUESTION_KINDS, staffIssue('staff_refusals_question_kind')),
	contentNote: checkbox,
	scope: v.pipe(
		v.string(staffIssue('staff_refusals_question_scope')),
		v.transform((value) => (value === 'global' ? null : value))
	),
	text: wording('staff_refusals_field_question_english', MAX_QUESTION_TEXT),
	optionIds: v.array(wording('staff_refusals_field_option_id', 41), staffIssue('staff_refusals_question_option_ids')),
	optionLabels: v.array(
		wording('staff_refusals_field_option_label', MAX_OPTION_LABEL),
		staffIssue('staff_refusals_question_option_labels')
	)
});

export type NewQuestion = {
	id: string;
	section: QuestionSection;
	domain: string | null;
	kind: QuestionKind;
	contentNote: boolean;
	channelId: string | null;
	/** English. */
	text: string;
	/** Option ids with their English labels, in order; only for choice questions. */
	options: { id: string; label: string }[];
};

/** Turns a validated create form into a new question; rows left blank are dropped. */
export function newQuestionFromForm(form: v.InferOutput<typeof newQuestionForm>): NewQuestion {
	if (form.optionIds.length !== form.optionLabels.length) {
		throw new QuestionRefused({ key: 'staff_refusals_question_option_incomplete' });
	}
	const options = form.optionIds
		.map((id, index) => ({ id, label: form.optionLabels[index] }))
		.filter((option) => option.id !== '' || option.label !== '');
	return {
		id: form.id,
		section: form.section,
		domain: form.domain,
		kind: form.kind,
		contentNote: form.contentNote,
		channelId: form.scope,
		text: form.text,
		options
	};
}

/** One locale's wording as the edit form sends it; option labels arrive as `option.<id>`. */
export const wordingForm = v.object({
	locale: v.picklist(locales, staffIssue('staff_refusals_question_portal_language')),
	version: v.pipe(
		v.string(staffIssue('staff_refusals_question_version_missing')),
		v.transform(Number),
		v.integer(staffIssue('staff_refusals_question_version_missing')),
		v.minValue(1, staffIssue('staff_refusals_question_version_missing'))
	),
	text: wording('staff_refusals_field_question_text', MAX_QUESTION_TEXT),
	optionLabels: v.record(
		v.string(),
		wording('staff_refusals_field_option_label', MAX_OPTION_LABEL),
		staffIssue('staff_refusals_question_option_labels')
	)
});

export type WordingEdit = {
	locale: Locale;
	/** The version the admin saw, so two admins editing at once do not overwrite each other. */
	expectedVersion: number;
	/** Empty in a language other than English: that language has no translation any more. */
	text: string;
	optionLabels: Record<string, string>;
};

export function wordingEditFromForm(form: v.InferOutput<typeof wordingForm>): WordingEdit {
	return { locale: form.locale, expectedVersion: form.version, text: form.text, optionLabels: form.optionLabels };
}

export const moveForm = v.object({
	direction: v.picklist(['up', 'down'], staffIssue('staff_refusals_question_move'))
});

export const activeForm = v.object({
	active: v.pipe(
		v.picklist(['true', 'false'], staffIssue('staff_refusals_question_active')),
		v.transform((value) => value === 'true')
	)
});

export function localeOrNull(value: string | null): Locale | null {
	return value !== null && (locales as readonly string[]).includes(value) ? (value as Locale) : null;
}
