/** The audit domain's table: the append-only audit log. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';

/** Staff actions only. Never survivor content, never an IP address or user agent. */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id').references(() => staffUser.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean>>()
	},
	(t) => [
		index('audit_event_at').on(t.at),
		// The inbox counts withdrawals on every poll: this reads their entries only, not the whole log.
		index('audit_event_action').on(t.action)
	]
);

export type AuditEvent = typeof auditEvent.$inferSelect;
