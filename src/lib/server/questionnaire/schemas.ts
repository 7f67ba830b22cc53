/** The questionnaire's rules and the admin's forms: sections, domains, limits on wording and options. */
import * as v from 'valibot';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { QUESTION_KINDS } from '../db/schema';
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

export const wording = (field: string, maxLength: number) =>
	v.pipe(
		v.string(`${field} must be text.`),
		v.transform((text) => text.replace(/\r\n?/g, '\n').trim()),
		v.maxLength(maxLength, `${field} must have at most ${maxLength} characters.`),
		v.check(
			(text) => !BIDI_CONTROLS.test(text),
			`${field} contains invisible direction-control characters; type it again without them.`
		)
	);

const checkbox = v.pipe(
	v.nullable(v.string()),
	v.transform((value) => value === 'on')
);

/** The create form as the route reads it from FormData (missing fields arrive as null). */
export const newQuestionForm = v.object({
	id: v.pipe(
		v.string('Give the question an id.'),
		v.trim(),
		v.regex(
			QUESTION_ID,
			'The id must be 2 to 41 characters: a lowercase letter first, then lowercase letters, digits or underscores.'
		)
	),
	section: v.picklist(QUESTION_SECTIONS, 'Choose a section: guided, free or context.'),
	domain: v.pipe(
		v.string('Choose a domain, or "none".'),
		v.transform((value) => (value === '' ? null : value)),
		v.nullable(v.picklist(QUESTION_DOMAINS, 'Choose one of the listed domains, or "none".'))
	),
	kind: v.picklist(QUESTION_KINDS, 'Choose how the question is answered: in their own words or by choosing.'),
	contentNote: checkbox,
	scope: v.pipe(
		v.string('Choose whether the question is for every channel or for one.'),
		v.transform((value) => (value === 'global' ? null : value))
	),
	text: wording('The English text', MAX_QUESTION_TEXT),
	optionIds: v.array(wording('An option id', 41), 'Option ids must be text.'),
	optionLabels: v.array(wording('An option label', MAX_OPTION_LABEL), 'Option labels must be text.')
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
	locale: v.picklist(locales, 'Choose one of the portal’s languages.'),
	version: v.pipe(
		v.string('The form is missing the version it was opened at; reload the page.'),
		v.transform(Number),
		v.integer('The form is missing the version it was opened at; reload the page.'),
		v.minValue(1, 'The form is missing the version it was opened at; reload the page.')
	),
	text: wording('The question text', MAX_QUESTION_TEXT),
	optionLabels: v.record(v.string(), wording('An option label', MAX_OPTION_LABEL), 'Option labels must be text.')
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
	direction: v.picklist(['up', 'down'], 'Choose to move the question up or down.')
});

export const activeForm = v.object({
	active: v.pipe(
		v.picklist(['true', 'false'], 'Choose to activate or deactivate the question.'),
		v.transform((value) => value === 'true')
	)
});

export function localeOrNull(value: string | null): Locale | null {
	return value !== null && (locales as readonly string[]).includes(value) ? (value as Locale) : null;
}
