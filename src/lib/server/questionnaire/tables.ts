/** The questionnaire domain's tables: questions and their wordings per language. */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { channel } from '../channels/tables';

export const QUESTION_KINDS = ['text', 'choice'] as const;

/**
 * A guided question, global or for one channel. Editing creates a new version; answers name
 * the version they answered, so old testimonies keep their wording.
 */
export const question = sqliteTable('question', {
	id: text('id').primaryKey(),
	channelId: text('channel_id').references(() => channel.id, { onDelete: 'cascade' }),
	/** Codebook domain the question belongs to, such as `housing`; null for open questions. */
	domain: text('domain'),
	kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
	/** 'guided', 'free' (the one-piece telling) or 'context' (coarse attributes). */
	section: text('section', { enum: ['guided', 'free', 'context'] }).notNull(),
	position: integer('position').notNull(),
	version: integer('version').notNull().default(1),
	/** Option ids for choice questions, in order; "prefer not to say" is always added. */
	options: text('options', { mode: 'json' }).$type<string[]>(),
	contentNote: integer('content_note', { mode: 'boolean' }).notNull().default(false),
	/** True while the wording is the shipped default, refreshed from messages/ at start. */
	isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(true),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});

export const questionTranslation = sqliteTable(
	'question_translation',
	{
		questionId: text('question_id')
			.notNull()
			.references(() => question.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		locale: text('locale').notNull(),
		text: text('text').notNull(),
		/** Labels of the options of a choice question, by option id. */
		optionLabels: text('option_labels', { mode: 'json' }).$type<Record<string, string>>()
	},
	(t) => [primaryKey({ columns: [t.questionId, t.version, t.locale] })]
);

export type Question = typeof question.$inferSelect;
export type QuestionTranslation = typeof questionTranslation.$inferSelect;
