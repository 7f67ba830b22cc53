import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, max } from 'drizzle-orm';
import * as v from 'valibot';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { localeName, textDirection } from '$lib/i18n';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { QUESTION_KINDS, channel, question, questionTranslation, type Question, type QuestionTranslation } from '../db/schema';
import { translate } from '../i18n/dictionary';
import { AddressNotFound, DomainError } from '../http/errors';

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

const QUESTION_ID = /^[a-z][a-z0-9_]{1,40}$/;
/** Option ids may start with a digit: the shipped age bands are `18to24`, `25to34` … */
const OPTION_ID = /^[a-z0-9][a-z0-9_]{0,40}$/;
/** The survivor page adds this answer to every context question itself. */
const RESERVED_OPTION_ID = 'prefer_not';
/**
 * Embedding, override and isolate controls can make a stored text display differently from
 * what it says (the "Trojan Source" trick); the marks LRM/RLM stay allowed.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** The question does not exist; pages answer 404. */
export class QuestionNotFound extends AddressNotFound {
	constructor(readonly questionId: string) {
		// The id came from the address: the message does not repeat it (it could be anything).
		super('There is no question with this id.');
	}
}

/** A change an admin asked for breaks a rule of the questionnaire; the message says which. */
export class QuestionRefused extends DomainError {
	constructor(message: string) {
		super(message, 400);
	}
}

const wording = (field: string, maxLength: number) =>
	v.pipe(
		v.string(`${field} must be text.`),
		v.transform((text) => text.replace(/\r\n?/g, '\n').trim()),
		v.maxLength(maxLength, `${field} must have at most ${maxLength} characters.`),
		v.check((text) => !BIDI_CONTROLS.test(text), `${field} contains invisible direction-control characters; type it again without them.`)
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
		throw new QuestionRefused('Every option needs an id and an English label.');
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

function findQuestion(id: string): Question {
	const row = db().select().from(question).where(eq(question.id, id)).get();
	if (!row) throw new QuestionNotFound(id);
	return row;
}

function translationsAt(id: string, version: number): QuestionTranslation[] {
	return db()
		.select()
		.from(questionTranslation)
		.where(and(eq(questionTranslation.questionId, id), eq(questionTranslation.version, version)))
		.all();
}

/** A translation counts only if a survivor would see no English or bare option id in it. */
function isComplete(row: Pick<QuestionTranslation, 'text' | 'optionLabels'> | undefined, options: string[]): boolean {
	if (!row || row.text.trim() === '') return false;
	return options.every((option) => (row.optionLabels?.[option] ?? '').trim() !== '');
}

function checkOptions(kind: QuestionKind, options: { id: string; label: string }[]): void {
	if (kind === 'text') {
		if (options.length > 0) {
			throw new QuestionRefused('A question answered in the survivor’s own words has no options; remove them.');
		}
		return;
	}
	if (options.length < 2) throw new QuestionRefused('A choice question needs at least two options.');
	if (options.length > MAX_OPTIONS) throw new QuestionRefused(`A choice question can have at most ${MAX_OPTIONS} options.`);
	const seen = new Set<string>();
	for (const option of options) {
		if (!OPTION_ID.test(option.id)) {
			throw new QuestionRefused(
				`The option id "${option.id}" must be 1 to 41 lowercase letters, digits or underscores, starting with a letter or digit.`
			);
		}
		if (option.id === RESERVED_OPTION_ID) {
			throw new QuestionRefused('The option id "prefer_not" is reserved: "Prefer not to say" is added to every context question.');
		}
		if (seen.has(option.id)) throw new QuestionRefused(`The option id "${option.id}" is used twice.`);
		seen.add(option.id);
		if (option.label === '') throw new QuestionRefused(`The option "${option.id}" needs an English label.`);
	}
}

/**
 * Adds an admin-written question at the end of its section, with its English wording as
 * version 1. Other languages are added on its edit page.
 */
export function createQuestion(input: NewQuestion, actorId: string | null): Question {
	if (!QUESTION_ID.test(input.id)) {
		throw new QuestionRefused('The id must be 2 to 41 characters: a lowercase letter first, then lowercase letters, digits or underscores.');
	}
	if (input.text === '') throw new QuestionRefused('Write the question in English.');
	// The survivor page shows guided and free questions as a text box and context questions as options.
	if (input.section === 'context' && input.kind !== 'choice') {
		throw new QuestionRefused('Context questions are answered by choosing an option: make it a choice question.');
	}
	if (input.section !== 'context' && input.kind !== 'text') {
		throw new QuestionRefused('Guided and free questions are answered in the survivor’s own words: make it a text question.');
	}
	checkOptions(input.kind, input.options);
	return db().transaction(() => {
		if (db().select({ id: question.id }).from(question).where(eq(question.id, input.id)).get()) {
			throw new QuestionRefused(`A question with the id "${input.id}" already exists; choose another id.`);
		}
		if (input.channelId !== null && !db().select({ id: channel.id }).from(channel).where(eq(channel.id, input.channelId)).get()) {
			throw new QuestionRefused('That channel does not exist; choose one from the list.');
		}
		// Positions stay unique across sections, so the last one is also last within its section.
		const last = db().select({ position: max(question.position) }).from(question).get()?.position ?? -1;
		const created = db()
			.insert(question)
			.values({
				id: input.id,
				channelId: input.channelId,
				domain: input.domain,
				kind: input.kind,
				section: input.section,
				position: last + 1,
				version: 1,
				options: input.kind === 'choice' ? input.options.map((option) => option.id) : null,
				contentNote: input.contentNote,
				isDefault: false,
				active: true
			})
			.returning()
			.get();
		db()
			.insert(questionTranslation)
			.values({
				questionId: input.id,
				version: 1,
				locale: 'en',
				text: input.text,
				optionLabels: input.kind === 'choice' ? Object.fromEntries(input.options.map((option) => [option.id, option.label])) : null
			})
			.run();
		recordAudit({
			actorId,
			action: 'question.created',
			subjectType: 'question',
			subjectId: input.id,
			detail: { section: input.section, kind: input.kind, scope: input.channelId ?? 'global' }
		});
		return created;
	});
}

/**
 * Saves one language's wording as a new version: every other language is copied from the
 * current version, whose rows stay untouched because older testimonies name that version.
 */
export function editWording(id: string, edit: WordingEdit, actorId: string | null): { changed: boolean; version: number } {
	return db().transaction(() => {
		const current = findQuestion(id);
		if (current.version !== edit.expectedVersion) {
			throw new QuestionRefused(
				`Someone saved this question meanwhile (it is now at version ${current.version}); reload the page and make your change again.`
			);
		}
		const options = current.options ?? [];
		const unknown = Object.keys(edit.optionLabels).filter((option) => !options.includes(option));
		if (unknown.length > 0) throw new QuestionRefused(`This question has no option "${unknown[0]}".`);
		const labels = Object.fromEntries(options.map((option) => [option, edit.optionLabels[option] ?? '']));
		const english = edit.locale === 'en';
		if (edit.text === '') {
			if (english) throw new QuestionRefused('The English text is required: survivors see it where a translation is missing.');
			if (Object.values(labels).some((label) => label !== '')) {
				throw new QuestionRefused('Write the question text too, or clear every field to leave this language untranslated.');
			}
		} else {
			const missing = options.find((option) => labels[option] === '');
			if (missing) throw new QuestionRefused(`The option "${missing}" needs a label in this language.`);
		}

		const rows = translationsAt(id, current.version);
		const before = rows.find((row) => row.locale === edit.locale);
		const replacement = edit.text === '' ? null : { text: edit.text, optionLabels: options.length > 0 ? labels : null };
		if (sameWording(before, replacement, options)) return { changed: false, version: current.version };

		const version = current.version + 1;
		const next = rows
			.filter((row) => row.locale !== edit.locale)
			.map((row) => ({ questionId: id, version, locale: row.locale, text: row.text, optionLabels: row.optionLabels }));
		if (replacement) next.push({ questionId: id, version, locale: edit.locale, ...replacement });
		db().insert(questionTranslation).values(next).run();
		db().update(question).set({ version, isDefault: false }).where(eq(question.id, id)).run();
		recordAudit({
			actorId,
			action: 'question.updated',
			subjectType: 'question',
			subjectId: id,
			detail: { version, change: 'wording', locale: edit.locale }
		});
		return { changed: true, version };
	});
}

function sameWording(
	before: QuestionTranslation | undefined,
	after: { text: string; optionLabels: Record<string, string> | null } | null,
	options: string[]
): boolean {
	if (!before || !after) return !before && !after;
	return before.text === after.text && options.every((option) => before.optionLabels?.[option] === after.optionLabels?.[option]);
}

function sectionInOrder(section: QuestionSection): Question[] {
	return db()
		.select()
		.from(question)
		.where(eq(question.section, section))
		.orderBy(asc(question.position), asc(question.id))
		.all();
}

/** Swaps a question with its neighbour in its section (across channels, as the list shows them). */
export function moveQuestion(id: string, direction: 'up' | 'down', actorId: string | null): void {
	db().transaction(() => {
		const target = findQuestion(id);
		const rows = sectionInOrder(target.section);
		const index = rows.findIndex((row) => row.id === id);
		const neighbour = direction === 'up' ? index - 1 : index + 1;
		if (neighbour < 0 || neighbour >= rows.length) {
			throw new QuestionRefused(`This question is already the ${direction === 'up' ? 'first' : 'last'} of its section.`);
		}
		const order = [...rows];
		[order[index], order[neighbour]] = [order[neighbour], order[index]];
		// Reuse the section's positions, made strictly increasing: two rows with the same
		// position (a default added by a later release) would otherwise not swap at all.
		const positions: number[] = [];
		for (const row of rows) positions.push(Math.max(row.position, (positions.at(-1) ?? -Infinity) + 1));
		order.forEach((row, at) => {
			if (row.position !== positions[at]) {
				db().update(question).set({ position: positions[at] }).where(eq(question.id, row.id)).run();
			}
		});
		recordAudit({
			actorId,
			action: 'question.updated',
			subjectType: 'question',
			subjectId: id,
			detail: { version: target.version, change: 'order', direction }
		});
	});
}

/** Shows or hides a question for survivors. Never deletes: old testimonies name it. */
export function setQuestionActive(id: string, active: boolean, actorId: string | null): { changed: boolean } {
	return db().transaction(() => {
		const target = findQuestion(id);
		if (target.active === active) return { changed: false };
		db().update(question).set({ active }).where(eq(question.id, id)).run();
		recordAudit({
			actorId,
			action: 'question.updated',
			subjectType: 'question',
			subjectId: id,
			detail: { version: target.version, change: 'active', active }
		});
		return { changed: true };
	});
}

export type ChannelChoice = { id: string; name: string; country: string; active: boolean };

/** Every channel, for choosing where a new question is asked. */
export function questionChannels(): ChannelChoice[] {
	return db()
		.select({ id: channel.id, name: channel.name, country: channel.country, active: channel.active })
		.from(channel)
		.orderBy(asc(channel.name))
		.all();
}

export type QuestionSummary = {
	id: string;
	section: QuestionSection;
	domain: string | null;
	kind: QuestionKind;
	version: number;
	active: boolean;
	isDefault: boolean;
	contentNote: boolean;
	channel: { id: string; name: string } | null;
	/** English wording at the current version, to recognise the question by. */
	englishText: string | null;
	translatedCount: number;
	missingLocales: Locale[];
};

/** Every question, grouped by section in survivor order, with its translation coverage. */
export function questionnaireOverview(): { section: QuestionSection; questions: QuestionSummary[] }[] {
	const rows = db()
		.select({ question, channelName: channel.name })
		.from(question)
		.leftJoin(channel, eq(channel.id, question.channelId))
		.orderBy(asc(question.position), asc(question.id))
		.all();
	const current = db()
		.select({ translation: questionTranslation })
		.from(questionTranslation)
		.innerJoin(question, and(eq(question.id, questionTranslation.questionId), eq(question.version, questionTranslation.version)))
		.all()
		.map((row) => row.translation);
	const byQuestion = new Map<string, Map<string, QuestionTranslation>>();
	for (const row of current) {
		if (!byQuestion.has(row.questionId)) byQuestion.set(row.questionId, new Map());
		byQuestion.get(row.questionId)!.set(row.locale, row);
	}
	const summaries = rows.map(({ question: row, channelName }): QuestionSummary => {
		const translations = byQuestion.get(row.id) ?? new Map<string, QuestionTranslation>();
		const missingLocales = locales.filter((locale) => !isComplete(translations.get(locale), row.options ?? []));
		return {
			id: row.id,
			section: row.section,
			domain: row.domain,
			kind: row.kind,
			version: row.version,
			active: row.active,
			isDefault: row.isDefault,
			contentNote: row.contentNote,
			channel: row.channelId ? { id: row.channelId, name: channelName ?? row.channelId } : null,
			englishText: translations.get('en')?.text ?? null,
			translatedCount: locales.length - missingLocales.length,
			missingLocales
		};
	});
	return QUESTION_SECTIONS.map((section) => ({
		section,
		questions: summaries.filter((summary) => summary.section === section)
	}));
}

export type LocaleReview = { locale: Locale; name: string; reviewed: boolean };

const reviewStatusFile = v.record(v.string(), v.looseObject({ reviewed: v.boolean() }));

/**
 * Which locales a native speaker has reviewed, from messages/review-status.json. Null when the
 * file cannot be read, so the page can say so instead of calling every language reviewed.
 */
export function localeReviewStatus(
	file: string = path.resolve(process.cwd(), 'messages', 'review-status.json')
): LocaleReview[] | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
	const status = v.safeParse(reviewStatusFile, parsed);
	if (!status.success) return null;
	return locales.map((locale) => ({
		locale,
		name: localeName(locale),
		reviewed: status.output[locale]?.reviewed === true
	}));
}

export type EditableQuestion = {
	id: string;
	section: QuestionSection;
	domain: string | null;
	kind: QuestionKind;
	version: number;
	active: boolean;
	isDefault: boolean;
	contentNote: boolean;
	options: string[];
	channel: { id: string; name: string } | null;
	canMoveUp: boolean;
	canMoveDown: boolean;
	/** Current wording per locale; null where the locale has no complete translation. */
	wordings: { locale: Locale; name: string; text: string | null; optionLabels: Record<string, string>; complete: boolean }[];
};

export function questionForEditing(id: string): EditableQuestion {
	const row = findQuestion(id);
	const options = row.options ?? [];
	const channelName = row.channelId
		? (db().select({ name: channel.name }).from(channel).where(eq(channel.id, row.channelId)).get()?.name ?? row.channelId)
		: null;
	const section = sectionInOrder(row.section);
	const index = section.findIndex((entry) => entry.id === id);
	const translations = new Map(translationsAt(id, row.version).map((translation) => [translation.locale, translation]));
	return {
		id: row.id,
		section: row.section,
		domain: row.domain,
		kind: row.kind,
		version: row.version,
		active: row.active,
		isDefault: row.isDefault,
		contentNote: row.contentNote,
		options,
		channel: row.channelId ? { id: row.channelId, name: channelName ?? row.channelId } : null,
		canMoveUp: index > 0,
		canMoveDown: index < section.length - 1,
		wordings: locales.map((locale) => {
			const translation = translations.get(locale);
			return {
				locale,
				name: localeName(locale),
				text: translation?.text ?? null,
				optionLabels: Object.fromEntries(options.map((option) => [option, translation?.optionLabels?.[option] ?? ''])),
				complete: isComplete(translation, options)
			};
		})
	};
}

export type QuestionPreview = {
	locale: Locale;
	dir: 'ltr' | 'rtl';
	section: QuestionSection;
	/** The language the question text is in: English where the locale has no translation. */
	textLocale: Locale;
	textDir: 'ltr' | 'rtl';
	fallback: boolean;
	text: string;
	options: { id: string; label: string }[];
	/** Survivor-page strings around the question, in the previewed locale. */
	contextTitle: string | null;
	preferNotLabel: string | null;
	contentNote: string | null;
	skipLabel: string;
	hint: string | null;
};

/**
 * A question as a survivor in that locale sees it now, with the same English fallback as
 * `questionnaire()`, built on the server so no translation bundle reaches the staff browser.
 */
export function questionPreview(id: string, locale: Locale): QuestionPreview {
	const row = findQuestion(id);
	const translations = translationsAt(id, row.version);
	const own = translations.find((translation) => translation.locale === locale);
	const shown = own ?? translations.find((translation) => translation.locale === 'en');
	const textLocale: Locale = own ? locale : 'en';
	const context = row.section === 'context';
	return {
		locale,
		dir: textDirection(locale),
		section: row.section,
		textLocale,
		textDir: textDirection(textLocale),
		fallback: !own,
		text: shown?.text ?? row.id,
		options: (row.options ?? []).map((option) => ({ id: option, label: shown?.optionLabels?.[option] ?? option })),
		contextTitle: context ? translate(locale, 'context_title') : null,
		preferNotLabel: context ? translate(locale, 'context_prefer_not') : null,
		contentNote: row.contentNote ? translate(locale, 'question_content_note') : null,
		skipLabel: translate(locale, 'question_skip'),
		hint: context ? null : `${translate(locale, 'question_optional_hint')} ${translate(locale, 'voice_or_write')}`
	};
}
