/** What the questionnaire pages show: sections, translation progress, one question for editing and its preview. */
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { localeName, textDirection } from '$lib/i18n';
import { db } from '../db';
import { question, questionTranslation, type Question, type QuestionTranslation } from '../db/schema';
import { translate } from '../i18n/dictionary';

import { QUESTION_SECTIONS, type QuestionKind, type QuestionSection } from './schemas';
import { findQuestion, isComplete, sectionInOrder, translationsAt } from './admin';
import { channelChoices, channelNames, channelsByIds } from '../channels/keys';

export type ChannelChoice = { id: string; name: string; country: string; active: boolean };

/** Every channel, for choosing where a new question is asked. */
export function questionChannels(): ChannelChoice[] {
	return channelChoices();
}

/** What every view of a question shows about it, apart from its wordings. */
type QuestionFacts = {
	id: string;
	section: QuestionSection;
	domain: string | null;
	kind: QuestionKind;
	version: number;
	active: boolean;
	isDefault: boolean;
	contentNote: boolean;
	channel: { id: string; name: string } | null;
};

function questionFacts(row: Question, channelName: string | null): QuestionFacts {
	return {
		id: row.id,
		section: row.section,
		domain: row.domain,
		kind: row.kind,
		version: row.version,
		active: row.active,
		isDefault: row.isDefault,
		contentNote: row.contentNote,
		channel: row.channelId ? { id: row.channelId, name: channelName ?? row.channelId } : null
	};
}

export type QuestionSummary = QuestionFacts & {
	/** English wording at the current version, to recognise the question by. */
	englishText: string | null;
	translatedCount: number;
	missingLocales: Locale[];
};

/** Every question, grouped by section in survivor order, with its translation coverage. */
export function questionnaireOverview(): { section: QuestionSection; questions: QuestionSummary[] }[] {
	const names = channelNames();
	const rows = db()
		.select()
		.from(question)
		.orderBy(asc(question.position), asc(question.id))
		.all()
		.map((row) => ({ question: row, channelName: row.channelId ? (names.get(row.channelId) ?? null) : null }));
	const current = db()
		.select({ translation: questionTranslation })
		.from(questionTranslation)
		.innerJoin(
			question,
			and(eq(question.id, questionTranslation.questionId), eq(question.version, questionTranslation.version))
		)
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
			...questionFacts(row, channelName),
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

export type EditableQuestion = QuestionFacts & {
	options: string[];
	canMoveUp: boolean;
	canMoveDown: boolean;
	/** Current wording per locale; null where the locale has no complete translation. */
	wordings: {
		locale: Locale;
		name: string;
		text: string | null;
		optionLabels: Record<string, string>;
		complete: boolean;
	}[];
};

export function questionForEditing(id: string): EditableQuestion {
	const row = findQuestion(id);
	const options = row.options ?? [];
	const channelName = row.channelId ? (channelsByIds([row.channelId])[0]?.name ?? null) : null;
	const section = sectionInOrder(row.section);
	const index = section.findIndex((entry) => entry.id === id);
	const translations = new Map(translationsAt(id, row.version).map((translation) => [translation.locale, translation]));
	return {
		...questionFacts(row, channelName),
		options,
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
