CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`detail` text,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_event_at` ON `audit_event` (`at`);--> statement-breakpoint
CREATE TABLE `channel` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`safe_url` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channel_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`version` integer NOT NULL,
	`public_key` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_key_version` ON `channel_key` (`channel_id`,`version`);--> statement-breakpoint
CREATE TABLE `channel_key_grant` (
	`channel_key_id` integer NOT NULL,
	`staff_user_id` text NOT NULL,
	`sealed_secret_key` blob NOT NULL,
	`granted_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`channel_key_id`, `staff_user_id`),
	FOREIGN KEY (`channel_key_id`) REFERENCES `channel_key`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `corpus_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `corpus_key_version_unique` ON `corpus_key` (`version`);--> statement-breakpoint
CREATE TABLE `corpus_key_grant` (
	`corpus_key_id` integer NOT NULL,
	`staff_user_id` text NOT NULL,
	`sealed_key` blob NOT NULL,
	`granted_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`corpus_key_id`, `staff_user_id`),
	FOREIGN KEY (`corpus_key_id`) REFERENCES `corpus_key`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_role` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_user_id` text NOT NULL,
	`role` text NOT NULL,
	`channel_id` text,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_role_global` ON `staff_role` (`staff_user_id`,`role`) WHERE "staff_role"."channel_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_role_channel` ON `staff_role` (`staff_user_id`,`role`,`channel_id`) WHERE "staff_role"."channel_id" is not null;--> statement-breakpoint
CREATE TABLE `staff_session` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_session_user` ON `staff_session` (`staff_user_id`);--> statement-breakpoint
CREATE TABLE `staff_user` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`auth_key_hash` blob NOT NULL,
	`pwhash_salt` blob NOT NULL,
	`pwhash_ops_limit` integer NOT NULL,
	`pwhash_mem_limit` integer NOT NULL,
	`public_key` blob NOT NULL,
	`wrapped_secret_key_nonce` blob NOT NULL,
	`wrapped_secret_key` blob NOT NULL,
	`recovery_wrapped_secret_key_nonce` blob NOT NULL,
	`recovery_wrapped_secret_key` blob NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_username_unique` ON `staff_user` (`username`);--> statement-breakpoint
CREATE TABLE `submission` (
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
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`channel_key_id`) REFERENCES `channel_key`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_receipt_lookup` ON `submission` (`receipt_lookup_hash`);--> statement-breakpoint
CREATE INDEX `submission_channel_day` ON `submission` (`channel_id`,`received_day`);