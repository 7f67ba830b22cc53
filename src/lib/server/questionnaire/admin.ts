/** Admins' changes to the questionnaire: new questions, new wordings, order and activity; each audited. */
import { and, asc, eq, max } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { question, questionTranslation, type Question, type QuestionTranslation } from '../db/schema';
import { QuestionNotFound, QuestionRefused } from './errors';

import {
	MAX_OPTIONS,
	OPTION_ID,
	QUESTION_ID,
	RESERVED_OPTION_ID,
	type NewQuestion,
	type QuestionKind,
	type QuestionSection,
	type WordingEdit
} from './schemas';
import { channelsByIds } from '../channels/keys';

export function findQuestion(id: string): Question {
	const row = db().select().from(question).where(eq(question.id, id)).get();
	if (!row) throw new QuestionNotFound(id);
	return row;
}

export function translationsAt(id: string, version: number): QuestionTranslation[] {
	return db()
		.select()
		.from(questionTranslation)
		.where(and(eq(questionTranslation.questionId, id), eq(questionTranslation.version, version)))
		.all();
}

/** A translation counts only if a survivor would see no English or bare option id in it. */
export function isComplete(
	row: Pick<QuestionTranslation, 'text' | 'optionLabels'> | undefined,
	options: string[]
): boolean {
	if (!row || row.text.trim() === '') return false;
	return options.every((option) => (row.optionLabels?.[option] ?? '').trim() !== '');
}

function checkOptions(kind: QuestionKind, options: { id: string; label: string }[]): void {
	if (kind === 'text') {
		if (options.length > 0) {
			throw new QuestionRefused({ key: 'staff_refusals_question_text_has_no_options' });
		}
		return;
	}
	if (options.length < 2) throw new QuestionRefused({ key: 'staff_refusals_question_choice_two_options' });
	if (options.length > MAX_OPTIONS)
		throw new QuestionRefused({ key: 'staff_refusals_question_choice_max_options', params: { max: MAX_OPTIONS } });
	const seen = new Set<string>();
	for (const [index, option] of options.entries()) {
		if (!OPTION_ID.test(option.id)) {
			throw new QuestionRefused({ key: 'staff_refusals_question_option_id_form', params: { position: index + 1 } });
		}
		if (option.id === RESERVED_OPTION_ID) {
			throw new QuestionRefused({ key: 'staff_refusals_question_option_id_reserved' });
		}
		if (seen.has(option.id))
			throw new QuestionRefused({ key: 'staff_refusals_question_option_id_twice', params: { position: index + 1 } });
		seen.add(option.id);
		if (option.label === '')
			throw new QuestionRefused({
				key: 'staff_refusals_question_option_needs_english_label',
				params: { position: index + 1 }
			});
	}
}

/**
 * Adds an admin-written question at the end of its section, with its English wording as
 * version 1. Other languages are added on its edit page.
 */
export function createQuestion(input: NewQuestion, actorId: string | null): Question {
	if (!QUESTION_ID.test(input.id)) {
		throw new QuestionRefused({ key: 'staff_refusals_question_id_form' });
	}
	if (input.text === '') throw new QuestionRefused({ key: 'staff_refusals_question_write_in_english' });
	// The survivor page shows guided and free questions as a text box and context questions as options.
	if (input.section === 'context' && input.kind !== 'choice') {
		throw new QuestionRefused({ key: 'staff_refusals_question_context_is_choice' });
	}
	if (input.section !== 'context' && input.kind !== 'text') {
		throw new QuestionRefused({ key: 'staff_refusals_question_guided_is_text' });
	}
	checkOptions(input.kind, input.options);
	return db().transaction(() => {
		if (db().select({ id: question.id }).from(question).where(eq(question.id, input.id)).get()) {
			throw new QuestionRefused({ key: 'staff_refusals_question_id_taken' });
		}
		if (input.channelId !== null && channelsByIds([input.channelId]).length === 0) {
			throw new QuestionRefused({ key: 'staff_refusals_question_channel_unknown' });
		}
		// Positions stay unique across sections, so the last one is also last within its section.
		const last =
			db()
				.select({ position: max(question.position) })
				.from(question)
				.get()?.position ?? -1;
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
				optionLabels:
					input.kind === 'choice' ? Object.fromEntries(input.options.map((option) => [option.id, option.label])) : null
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
export function editWording(
	id: string,
	edit: WordingEdit,
	actorId: string | null
): { changed: boolean; version: number } {
	return db().transaction(() => {
		const current = findQuestion(id);
		if (current.version !== edit.expectedVersion) {
			throw new QuestionRefused({
				key: 'staff_refusals_question_saved_meanwhile',
				params: { version: current.version }
			});
		}
		const options = current.options ?? [];
		const unknown = Object.keys(edit.optionLabels).filter((option) => !options.includes(option));
		if (unknown.length > 0) throw new QuestionRefused({ key: 'staff_refusals_question_no_such_option' });
		const labels = Object.fromEntries(options.map((option) => [option, edit.optionLabels[option] ?? '']));
		const english = edit.locale === 'en';
		if (edit.text === '') {
			if (english) throw new QuestionRefused({ key: 'staff_refusals_question_english_required' });
			if (Object.values(labels).some((label) => label !== '')) {
				throw new QuestionRefused({ key: 'staff_refusals_question_text_or_nothing' });
			}
		} else {
			const missing = options.find((option) => labels[option] === '');
			if (missing)
				throw new QuestionRefused({ key: 'staff_refusals_question_option_needs_label', params: { option: missing } });
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
	return (
		before.text === after.text &&
		options.every((option) => before.optionLabels?.[option] === after.optionLabels?.[option])
	);
}

export function sectionInOrder(section: QuestionSection): Question[] {
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
			throw new QuestionRefused({
				key: direction === 'up' ? 'staff_refusals_question_already_first' : 'staff_refusals_question_already_last'
			});
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
