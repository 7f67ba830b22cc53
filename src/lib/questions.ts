import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/**
 * The guided questions of the first questionnaire. Every one is optional; the id and version
 * travel inside the encrypted payload so a later wording change never re-labels old answers.
 */
export const DEFAULT_QUESTIONS = [
	{ id: 'hardest', version: 1, text: (locale?: Locale) => m.question_hardest({}, { locale }) },
	{ id: 'helped', version: 1, text: (locale?: Locale) => m.question_helped({}, { locale }) },
	{ id: 'anything_else', version: 1, text: (locale?: Locale) => m.question_anything_else({}, { locale }) }
] as const;

export type QuestionId = (typeof DEFAULT_QUESTIONS)[number]['id'];

export function questionText(id: string, locale?: Locale): string | undefined {
	return DEFAULT_QUESTIONS.find((question) => question.id === id)?.text(locale);
}
