CREATE TABLE `attachment` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`message_id` text,
	`declared_bytes` integer NOT NULL,
	`ciphertext` blob,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachment_submission` ON `attachment` (`submission_id`);--> statement-breakpoint
CREATE TABLE `channel_text` (
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`channel_id`, `kind`, `locale`),
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `message` (
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
);
--> statement-breakpoint
CREATE INDEX `message_submission` ON `message` (`submission_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `question` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text,
	`domain` text,
	`kind` text NOT NULL,
	`section` text NOT NULL,
	`position` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`options` text,
	`content_note` integer DEFAULT false NOT NULL,
	`is_default` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `question_translation` (
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	`option_labels` text,
	PRIMARY KEY(`question_id`, `version`, `locale`),
	FOREIGN KEY (`question_id`) REFERENCES `question`(`id`) ON UPDATE no action ON DELETE cascade
);
