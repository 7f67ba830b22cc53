/** The intake domain's tables: testimonies, follow-up messages, voice notes, spent proofs and intake tallies. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bytes } from '../db/columns';
import { staffUser } from '../accounts/tables';
import { channel, channelKey } from '../channels/tables';
import { facilitationSession } from '../sessions/tables';

export const SUBMISSION_STATUSES = ['new', 'in_review', 'waiting', 'approved', 'rejected', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * A survivor's testimony as ciphertext. Deliberately absent: any time finer than the day, any
 * request metadata. The id is chosen by the browser and doubles as the idempotency key.
 */
export const submission = sqliteTable(
	'submission',
	{
		id: text('id').primaryKey(),
		channelId: text('channel_id')
			.notNull()
			.references(() => channel.id, { onDelete: 'restrict' }),
		channelKeyId: integer('channel_key_id')
			.notNull()
			.references(() => channelKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce').notNull(),
		ciphertext: bytes('ciphertext').notNull(),
		sealedDataKey: bytes('sealed_data_key').notNull(),
		receiptLookupHash: bytes('receipt_lookup_hash').notNull(),
		replyPublicKey: bytes('reply_public_key').notNull(),
		/** UTC day, YYYY-MM-DD. */
		receivedDay: text('received_day').notNull(),
		status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('new'),
		/** The facilitated session it was given in: the only plaintext metadata a session adds. */
		facilitationSessionId: text('facilitation_session_id').references(() => facilitationSession.id, {
			onDelete: 'set null'
		}),
		/** Staff decision time (approval or rejection), the start of retention periods. */
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		/** Set when retention deleted the raw intake of an approved testimony. */
		rawDeletedAt: integer('raw_deleted_at', { mode: 'timestamp_ms' }),
		/**
		 * What staff call it ("7QM4-TXRA"): random at intake, so it says nothing of order or time,
		 * and it never changes. Null only for a moment in the migration that backfilled it.
		 */
		reference: text('reference'),
		/** Follow-up messages the survivor sent: moderators' unread markers compare with it. */
		survivorMessages: integer('survivor_messages').notNull().default(0),
		/** UTC day of the survivor's oldest message that no staff reply has followed yet. */
		unansweredSinceDay: text('unanswered_since_day'),
		/**
		 * The data key sealed to the survivor's reply key as well, so the receipt reads the testimony
		 * back on the check page. Null for testimonies sent before this existed, for a group's
		 * testimony (nobody holds its receipt) and once retention deleted the raw intake.
		 */
		survivorSealedDataKey: bytes('survivor_sealed_data_key')
	},
	(t) => [
		uniqueIndex('submission_receipt_lookup').on(t.receiptLookupHash),
		uniqueIndex('submission_reference').on(t.reference),
		index('submission_channel_day').on(t.channelId, t.receivedDay),
		index('submission_channel_status_day').on(t.channelId, t.status, t.receivedDay),
		// Everything the inbox lists, filters and counts, so its queries read this index alone: the
		// columns added later sit after the ciphertext in each row, behind its overflow pages.
		index('submission_inbox').on(
			t.channelId,
			t.receivedDay,
			t.status,
			t.survivorMessages,
			t.unansweredSinceDay,
			t.facilitationSessionId,
			t.reference
		)
	]
);

/**
 * What each staff member has opened: a testimony without a row is unread for them, one whose
 * survivor sent more messages than `survivorMessagesSeen` has unread messages. Counts only, and
 * no time: nothing here says when anyone read anything. WITHOUT ROWID (see the migration).
 */
export const inboxSeen = sqliteTable(
	'inbox_seen',
	{
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		submissionId: text('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		survivorMessagesSeen: integer('survivor_messages_seen').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.staffUserId, t.submissionId] }), index('inbox_seen_submission').on(t.submissionId)]
);

/**
 * An encrypted voice note. The row is declared with its testimony and the ciphertext arrives
 * in a separate upload; its key lives only inside the testimony's encrypted payload.
 */
export const attachment = sqliteTable(
	'attachment',
	{
		id: text('id').primaryKey(),
		submissionId: text('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		messageId: text('message_id').references(() => message.id, { onDelete: 'cascade' }),
		declaredBytes: integer('declared_bytes').notNull(),
		/** Every chunk of its ciphertext arrived (attachment_chunk); until then it is not served. */
		uploaded: integer('uploaded', { mode: 'boolean' }).notNull().default(false),
		/** A moderator confirmed its transcript; retention may then delete the recording. */
		transcriptConfirmedAt: integer('transcript_confirmed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('attachment_submission').on(t.submissionId)]
);

/**
 * A voice note's ciphertext in pieces of at most 256 KiB, written as the upload arrives and read
 * back one at a time, so no voice note is ever held whole in the server's memory. The migration
 * makes it WITHOUT ROWID: rows are ordered by their key, not by arrival.
 */
export const attachmentChunk = sqliteTable(
	'attachment_chunk',
	{
		attachmentId: text('attachment_id')
			.notNull()
			.references(() => attachment.id, { onDelete: 'cascade' }),
		sequence: integer('sequence').notNull(),
		ciphertext: bytes('ciphertext').notNull()
	},
	(t) => [primaryKey({ columns: [t.attachmentId, t.sequence] })]
);

/**
 * A message in a testimony's thread: from the survivor (sealed to the channel like a
 * testimony) or from staff (sealed to the survivor's reply key).
 */
export const message = sqliteTable(
	'message',
	{
		id: text('id').primaryKey(),
		submissionId: text('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		direction: text('direction', { enum: ['from_survivor', 'to_survivor'] }).notNull(),
		authorId: text('author_id').references(() => staffUser.id, { onDelete: 'set null' }),
		channelKeyId: integer('channel_key_id').references(() => channelKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce'),
		ciphertext: bytes('ciphertext').notNull(),
		sealedDataKey: bytes('sealed_data_key'),
		/**
		 * A survivor's follow-up only: its data key sealed to the survivor's reply key as well, so
		 * the receipt reads it back on the check page. Null for follow-ups sent before this existed.
		 */
		survivorSealedDataKey: bytes('survivor_sealed_data_key'),
		/** UTC day only, like testimonies. */
		sentDay: text('sent_day').notNull(),
		/** Order within the thread; a day alone cannot order two messages. */
		sequence: integer('sequence').notNull()
	},
	(t) => [index('message_submission').on(t.submissionId, t.sequence)]
);

/**
 * Proofs of work already spent, so none serves twice. The key is a hash of the challenge's
 * signature; the expiry is kept to the hour (not the second a survivor wrote), and rows are
 * deleted once their challenge has expired, when it could not be replayed anyway.
 */
export const powSpent = sqliteTable(
	'pow_spent',
	{
		challengeHash: bytes('challenge_hash').primaryKey(),
		expiresHour: integer('expires_hour').notNull()
	},
	(t) => [index('pow_spent_expires').on(t.expiresHour)]
);

/**
 * Intake per UTC day, counts only (no time of day, nothing about who sent): what the global
 * budgets let through and what they or the disk-headroom check refused. A day with refusals is
 * a flood day; retention keeps its unreviewed testimonies until an admin releases it.
 */
export const intakeDay = sqliteTable('intake_day', {
	day: text('day').primaryKey(),
	testimonies: integer('testimonies').notNull().default(0),
	messages: integer('messages').notNull().default(0),
	bytes: integer('bytes').notNull().default(0),
	refusedOverBudget: integer('refused_over_budget').notNull().default(0),
	refusedLowDisk: integer('refused_low_disk').notNull().default(0),
	releasedAt: integer('released_at', { mode: 'timestamp_ms' }),
	releasedBy: text('released_by').references(() => staffUser.id, { onDelete: 'set null' })
});

export type Submission = typeof submission.$inferSelect;
export type Attachment = typeof attachment.$inferSelect;
export type Message = typeof message.$inferSelect;
export type IntakeDay = typeof intakeDay.$inferSelect;
export type InboxSeen = typeof inboxSeen.$inferSelect;
