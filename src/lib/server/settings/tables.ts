/** The settings domain's tables: deployment-wide values and setting changes waiting their turn. */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';

/** Deployment-wide values: the receipt salt, the setup token hash, retention settings. */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

export type Setting = typeof setting.$inferSelect;

/**
 * A lowering of a retention period below its default, proposed by an admin and waiting out a
 * fixed delay so every other admin can see it and cancel it before anything is deleted early.
 */
export const pendingSettingChange = sqliteTable('pending_setting_change', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	proposedBy: text('proposed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }).notNull(),
	effectiveAt: integer('effective_at', { mode: 'timestamp_ms' }).notNull()
});

export type PendingSettingChange = typeof pendingSettingChange.$inferSelect;
