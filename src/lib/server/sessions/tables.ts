/** The sessions domain's table: facilitated sessions. */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';
import { channel } from '../channels/tables';

/** A facilitated session of a support group; testimonies given in it carry its id. */
export const facilitationSession = sqliteTable('facilitation_session', {
	id: text('id').primaryKey(),
	channelId: text('channel_id')
		.notNull()
		.references(() => channel.id, { onDelete: 'cascade' }),
	label: text('label').notNull(),
	createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	startsDay: text('starts_day').notNull(),
	endsDay: text('ends_day').notNull(),
	closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
	/** Short code people type or scan to join; not secret, but unguessable and rate-limited. */
	joinCode: text('join_code').unique(),
	/** Languages offered first on the session's pages. */
	locales: text('locales', { mode: 'json' }).$type<string[]>(),
	expectedParticipants: integer('expected_participants'),
	/** Testimonies of this session later withdrawn: their rows are gone, so the count is kept here. */
	withdrawnCount: integer('withdrawn_count').notNull().default(0)
});

export type FacilitationSession = typeof facilitationSession.$inferSelect;
