/** The findings domain's table: what staff publish back to survivors, per channel. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';
import { channel } from '../channels/tables';

export const FINDING_STATUSES = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One language's wording of a finding: a title, what we heard, what changed. */
export type FindingText = { title: string; heard: string; changed: string };

/**
 * A finding is public once published, so it is stored as plain text: it must never hold
 * anything a survivor said word for word, only what staff wrote about it.
 */
export const finding = sqliteTable(
	'finding',
	{
		id: text('id').primaryKey(),
		channelId: text('channel_id')
			.notNull()
			.references(() => channel.id, { onDelete: 'cascade' }),
		status: text('status', { enum: FINDING_STATUSES }).notNull(),
		/** The language shown where the visitor's own has no text; it always has text. */
		baseLocale: text('base_locale').notNull(),
		texts: text('texts', { mode: 'json' }).$type<Record<string, FindingText>>().notNull(),
		/** People who spoke about it; shown only through the small-numbers rule. */
		peopleCount: integer('people_count'),
		authorId: text('author_id').references(() => staffUser.id, { onDelete: 'set null' }),
		/** Everyone who ever wrote its words: none of them may publish it. */
		editorIds: text('editor_ids', { mode: 'json' }).$type<string[]>().notNull(),
		lastEditorId: text('last_editor_id').references(() => staffUser.id, { onDelete: 'set null' }),
		reviewNote: text('review_note'),
		publishedBy: text('published_by').references(() => staffUser.id, { onDelete: 'set null' }),
		/** Day precision, the only date the public page shows. */
		publishedDay: text('published_day'),
		withdrawnBy: text('withdrawn_by').references(() => staffUser.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('finding_channel_status').on(t.channelId, t.status)]
);

export type Finding = typeof finding.$inferSelect;
