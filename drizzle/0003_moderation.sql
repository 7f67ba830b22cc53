CREATE TABLE `moderation_draft` (
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
);
--> statement-breakpoint
CREATE TABLE `reply_template` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `research_record` (
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX `research_record_submission_id_unique` ON `research_record` (`submission_id`);--> statement-breakpoint
CREATE INDEX `research_record_month` ON `research_record` (`approved_month`);--> statement-breakpoint
ALTER TABLE `attachment` ADD `transcript_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `submission` ADD `decided_at` integer;--> statement-breakpoint
ALTER TABLE `submission` ADD `raw_deleted_at` integer;