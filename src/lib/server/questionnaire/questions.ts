import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { locales, type Locale } from '$lib/paraglide/runtime';
import type { MessageKey } from '$lib/i18n';
import type { SurvivorQuestion } from '$lib/questions';
import type { ContextLabels } from '$lib/context-labels';
import { db } from '../db';
import { question, questionTranslation, type Question } from '../db/schema';
import { translate } from '../i18n/dictionary';

type DefaultQuestion = {
	id: string;
	section: Question['section'];
	domain: string | null;
	kind: Question['kind'];
	contentNote?: boolean;
	options?: string[];
};

/**
 * The shipped questionnaire: one plain question per domain of the default codebook, two open
 * ones, a free telling, and coarse context. Wording lives in messages/ as `question_{id}` and,
 * for context, `context_{id}` with `context_{id}_{option}` labels.
 */
export const DEFAULT_QUESTIONNAIRE: DefaultQuestion[] = [
	{ id: 'rights', section: 'guided', domain: 'rights', kind: 'text' },
	{ id: 'safety', section: 'guided', domain: 'safety', kind: 'text', contentNote: true },
	{ id: 'housing', section: 'guided', domain: 'housing', kind: 'text' },
	{ id: 'work', section: 'guided', domain: 'work', kind: 'text' },
	{ id: 'education', section: 'guided', domain: 'education', kind: 'text' },
	{ id: 'health', section: 'guided', domain: 'health', kind: 'text', contentNote: true },
	{ id: 'social', section: 'guided', domain: 'social', kind: 'text' },
	{ id: 'services', section: 'guided', domain: 'services', kind: 'text' },
	{ id: 'discrimination', section: 'guided', domain: 'discrimination', kind: 'text', contentNote: true },
	{ id: 'strengths', section: 'guided', domain: 'strengths', kind: 'text' },
	{ id: 'change', section: 'guided', domain: null, kind: 'text' },
	{ id: 'anything_else', section: 'guided', domain: null, kind: 'text' },
	{ id: 'free_story', section: 'free', domain: null, kind: 'text' },
	{ id: 'years', section: 'context', domain: null, kind: 'choice', options: ['lt1', '1to2', '3to5', 'gt5'] },
	{
		id: 'age',
		section: 'context',
		domain: null,
		kind: 'choice',
		options: ['18to24', '25to34', '35to44', '45to54', '55plus']
	},
	{ id: 'gender', section: 'context', domain: null, kind: 'choice', options: ['woman', 'man', 'other'] },
	{
		id: 'exploitation',
		section: 'context',
		domain: null,
		kind: 'choice',
		contentNote: true,
		options: ['sexual', 'labour', 'domestic', 'criminal', 'begging', 'marriage', 'other']
	}
];

function defaultWording(entry: DefaultQuestion, locale: Locale) {
	const prefix = entry.section === 'context' ? 'context' : 'question';
	const text = translate(locale, `${prefix}_${entry.id}` as MessageKey);
	const optionLabels = entry.options
		? Object.fromEntries(
				entry.options.map((option) => [option, translate(locale, `context_${entry.id}_${option}` as MessageKey)])
			)
		: null;
	return { text, optionLabels };
}

/**
 * Inserts the default questions on a new database and refreshes the wording of those still
 * at their shipped version, so corrected translations in messages/ reach survivors at the
 * next start. Questions an admin has edited are left alone.
 */
export function seedDefaultQuestions(): void {
	db().transaction(() => {
		DEFAULT_QUESTIONNAIRE.forEach((entry, position) => {
			const existing = db().select().from(question).where(eq(question.id, entry.id)).get();
			if (existing && !existing.isDefault) return;
			if (!existing) {
				db()
					.insert(question)
					.values({
						id: entry.id,
						channelId: null,
						domain: entry.domain,
						kind: entry.kind,
						section: entry.section,
						position,
						version: 1,
						options: entry.options ?? null,
						contentNote: entry.contentNote ?? false,
						isDefault: true
					})
					.run();
			}
			for (const locale of locales) {
				const wording = defaultWording(entry, locale);
				db()
					.insert(questionTranslation)
					.values({ questionId: entry.id, version: 1, locale, ...wording })
					.onConflictDoUpdate({
						target: [questionTranslation.questionId, questionTranslation.version, questionTranslation.locale],
						set: wording
					})
					.run();
			}
		});
	});
}

/**
 * The active questions a channel's survivors see, in the requested locale (English where a
 * translation is missing, which the admin view flags).
 */
export function questionnaire(channelId: string, locale: Locale): SurvivorQuestion[] {
	const rows = db()
		.select()
		.from(question)
		.where(and(eq(question.active, true), or(isNull(question.channelId), eq(question.channelId, channelId))))
		.orderBy(asc(question.position))
		.all();
	return rows.map((row) => {
		const wording = wordingFor(row, locale) ?? wordingFor(row, 'en');
		return {
			id: row.id,
			version: row.version,
			section: row.section,
			kind: row.kind,
			domain: row.domain,
			contentNote: row.contentNote,
			text: wording?.text ?? row.id,
			options: (row.options ?? []).map((option) => ({ id: option, label: wording?.optionLabels?.[option] ?? option }))
		};
	});
}

function wordingFor(row: Question, locale: string) {
	return db()
		.select()
		.from(questionTranslation)
		.where(
			and(
				eq(questionTranslation.questionId, row.id),
				eq(questionTranslation.version, row.version),
				eq(questionTranslation.locale, locale)
			)
		)
		.get();
}

/** A question's wording at a given version, for staff reading an old testimony. */
export function questionWording(id: string, version: number, locale: string): string | undefined {
	return db()
		.select({ text: questionTranslation.text })
		.from(questionTranslation)
		.where(
			and(
				eq(questionTranslation.questionId, id),
				eq(questionTranslation.version, version),
				eq(questionTranslation.locale, locale)
			)
		)
		.get()?.text;
}

export type Wordings = Record<string, Record<number, string>>;

/** Every version's wording of every question in one locale, for staff reading old answers. */
export function questionWordings(locale: string): Wordings {
	return questionWordingsByLocale()[locale] ?? {};
}

/** The same for every locale at once: staff see a question as the survivor read it too. */
export function questionWordingsByLocale(): Record<string, Wordings> {
	const byLocale: Record<string, Wordings> = {};
	for (const row of db().select().from(questionTranslation).all()) {
		((byLocale[row.locale] ??= {})[row.questionId] ??= {})[row.version] = row.text;
	}
	return byLocale;
}

/** Each question's codebook domain, for research records. */
export function questionDomains(): Record<string, string | null> {
	return Object.fromEntries(
		db()
			.select({ id: question.id, domain: question.domain })
			.from(question)
			.all()
			.map((row) => [row.id, row.domain])
	);
}

/**
 * The labels of every context question and answer in one language (English for staff), every
 * version merged so answers given to an older wording keep their label; the newest wins.
 */
export function contextLabels(locale: Locale = 'en'): ContextLabels {
	const contextIds = new Set(
		db()
			.select({ id: question.id })
			.from(question)
			.where(eq(question.section, 'context'))
			.all()
			.map((row) => row.id)
	);
	const questions: ContextLabels['questions'] = {};
	const rows = db()
		.select()
		.from(questionTranslation)
		.where(eq(questionTranslation.locale, locale))
		.orderBy(asc(questionTranslation.version))
		.all();
	for (const row of rows) {
		if (!contextIds.has(row.questionId)) continue;
		const entry = (questions[row.questionId] ??= { question: row.text, options: {} });
		entry.question = row.text;
		Object.assign(entry.options, row.optionLabels ?? {});
	}
	return { preferNot: translate(locale, 'context_prefer_not'), questions };
}
