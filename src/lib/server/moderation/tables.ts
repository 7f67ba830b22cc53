/** The moderation domain's tables: drafts, reply templates and rejections. */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bytes } from '../db/columns';
import { staffUser } from '../accounts/tables';
import { channel, channelKey } from '../channels/tables';
import { SUBMISSION_STATUSES, submission } from '../intake/tables';

/**
 * Moderators' work on a testimony (transcripts, translations, redactions and their change
 * log), encrypted and sealed to the channel like the testimony itself. `version` increases
 * with each save so two moderators cannot overwrite each other.
 */
export const moderationDraft = sqliteTable('moderation_draft', {
	submissionId: text('submission_id')
		.primaryKey()
		.references(() => submission.id, { onDelete: 'cascade' }),
	version: integer('version').notNull(),
	channelKeyId: integer('channel_key_id')
		.notNull()
		.references(() => channelKey.id, { onDelete: 'restrict' }),
	formatVersion: integer('format_version').notNull(),
	nonce: bytes('nonce').notNull(),
	ciphertext: bytes('ciphertext').notNull(),
	sealedDataKey: bytes('sealed_data_key').notNull(),
	updatedBy: text('updated_by').references(() => staffUser.id, { onDelete: 'set null' }),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** Canned, translatable replies a channel's moderators start from. */
export const replyTemplate = sqliteTable('reply_template', {
	id: text('id').primaryKey(),
	channelId: text('channel_id')
		.notNull()
		.references(() => channel.id, { onDelete: 'cascade' }),
	kind: text('kind', { enum: ['acknowledgement', 'clarification', 'referral'] }).notNull(),
	locale: text('locale').notNull(),
	text: text('text').notNull()
});

export type ModerationDraft = typeof moderationDraft.$inferSelect;
export type ReplyTemplate = typeof replyTemplate.$inferSelect;

/**
 * A moderator's rejection of a testimony. While `confirmedAt` is null it is only proposed (the
 * proposer went over the daily limit) and the testimony keeps its status; once confirmed the
 * testimony is `rejected` and retention deletes it after the grace period, unless a moderator
 * undoes it, which deletes this row and restores `priorStatus`.
 */
export const rejection = sqliteTable('rejection', {
	submissionId: text('submission_id')
		.primaryKey()
		.references(() => submission.id, { onDelete: 'cascade' }),
	reason: text('reason').notNull(),
	priorStatus: text('prior_status', { enum: SUBMISSION_STATUSES }).notNull(),
	proposedBy: text('proposed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }).notNull(),
	confirmedBy: text('confirmed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' })
});

export type Rejection = typeof rejection.$inferSelect;
