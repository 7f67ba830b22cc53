-- Survivor rows lose their rowid. A rowid table numbers rows in the order they arrive, so the
-- file would keep the order (and, next to anything timed, the time) of every testimony, voice
-- note, message and research record. (Voice-note bytes already live in attachment_chunk, which
-- was created WITHOUT ROWID.) WITHOUT ROWID tables are ordered by their random ids only.
-- drizzle-kit cannot express WITHOUT ROWID, so this migration is written by hand; the schema
-- snapshot is unchanged. openDatabase turns foreign keys off while migrations run (SQLite ignores
-- that pragma inside the migrations' transaction), so dropping a parent table cascades nothing,
-- and checks every foreign key afterwards. Rows are copied in id order so that the new pages
-- follow the random ids, not the old arrival order; secure_delete zeroes the old pages.
CREATE TABLE `submission__new` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`channel_key_id` integer NOT NULL,
	`format_version` integer NOT NULL,
	`nonce` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`sealed_data_key` blob NOT NULL,
	`receipt_lookup_hash` blob NOT NULL,
	`reply_public_key` blob NOT NULL,
	`received_day` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`decided_at` integer,
	`raw_deleted_at` integer,
	`facilitation_session_id` text,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`channel_key_id`) REFERENCES `channel_key`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`facilitation_session_id`) REFERENCES `facilitation_session`(`id`) ON UPDATE no action ON DELETE set null
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `submission__new` (`id`, `channel_id`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `receipt_lookup_hash`, `reply_public_key`, `received_day`, `status`, `decided_at`, `raw_deleted_at`, `facilitation_session_id`)
	SELECT `id`, `channel_id`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `receipt_lookup_hash`, `reply_public_key`, `received_day`, `status`, `decided_at`, `raw_deleted_at`, `facilitation_session_id` FROM `submission` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `submission`;
--> statement-breakpoint
ALTER TABLE `submission__new` RENAME TO `submission`;
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_receipt_lookup` ON `submission` (`receipt_lookup_hash`);
--> statement-breakpoint
CREATE INDEX `submission_channel_day` ON `submission` (`channel_id`,`received_day`);
--> statement-breakpoint
CREATE TABLE `message__new` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`direction` text NOT NULL,
	`author_id` text,
	`channel_key_id` integer,
	`format_version` integer NOT NULL,
	`nonce` blob,
	`ciphertext` blob NOT NULL,
	`sealed_data_key` blob,
	`sent_day` text NOT NULL,
	`sequence` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`channel_key_id`) REFERENCES `channel_key`(`id`) ON UPDATE no action ON DELETE restrict
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `message__new` (`id`, `submission_id`, `direction`, `author_id`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `sent_day`, `sequence`)
	SELECT `id`, `submission_id`, `direction`, `author_id`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `sent_day`, `sequence` FROM `message` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `message`;
--> statement-breakpoint
ALTER TABLE `message__new` RENAME TO `message`;
--> statement-breakpoint
CREATE INDEX `message_submission` ON `message` (`submission_id`,`sequence`);
--> statement-breakpoint
CREATE TABLE `attachment__new` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`message_id` text,
	`declared_bytes` integer NOT NULL,
	`uploaded` integer DEFAULT false NOT NULL,
	`transcript_confirmed_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `attachment__new` (`id`, `submission_id`, `message_id`, `declared_bytes`, `uploaded`, `transcript_confirmed_at`)
	SELECT `id`, `submission_id`, `message_id`, `declared_bytes`, `uploaded`, `transcript_confirmed_at` FROM `attachment` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `attachment`;
--> statement-breakpoint
ALTER TABLE `attachment__new` RENAME TO `attachment`;
--> statement-breakpoint
CREATE INDEX `attachment_submission` ON `attachment` (`submission_id`);
--> statement-breakpoint
CREATE TABLE `research_record__new` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`corpus_key_id` integer NOT NULL,
	`format_version` integer NOT NULL,
	`nonce` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`approved_month` text NOT NULL,
	`created_by` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`corpus_key_id`) REFERENCES `corpus_key`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `research_record__new` (`id`, `submission_id`, `corpus_key_id`, `format_version`, `nonce`, `ciphertext`, `approved_month`, `created_by`)
	SELECT `id`, `submission_id`, `corpus_key_id`, `format_version`, `nonce`, `ciphertext`, `approved_month`, `created_by` FROM `research_record` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `research_record`;
--> statement-breakpoint
ALTER TABLE `research_record__new` RENAME TO `research_record`;
--> statement-breakpoint
CREATE UNIQUE INDEX `research_record_submission_id_unique` ON `research_record` (`submission_id`);
--> statement-breakpoint
CREATE INDEX `research_record_month` ON `research_record` (`approved_month`);
--> statement-breakpoint
CREATE TABLE `moderation_draft__new` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`channel_key_id` integer NOT NULL,
	`format_version` integer NOT NULL,
	`nonce` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`sealed_data_key` blob NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_key_id`) REFERENCES `channel_key`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `moderation_draft__new` (`submission_id`, `version`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `updated_by`, `updated_at`)
	SELECT `submission_id`, `version`, `channel_key_id`, `format_version`, `nonce`, `ciphertext`, `sealed_data_key`, `updated_by`, `updated_at` FROM `moderation_draft` ORDER BY `submission_id`;
--> statement-breakpoint
DROP TABLE `moderation_draft`;
--> statement-breakpoint
ALTER TABLE `moderation_draft__new` RENAME TO `moderation_draft`;
