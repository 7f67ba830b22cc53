CREATE TABLE `auth_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`blocked_until` integer NOT NULL,
	`audit_event_id` integer
);
--> statement-breakpoint
CREATE TABLE `intake_day` (
	`day` text PRIMARY KEY NOT NULL,
	`testimonies` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`refused_over_budget` integer DEFAULT 0 NOT NULL,
	`refused_low_disk` integer DEFAULT 0 NOT NULL,
	`released_at` integer,
	`released_by` text,
	FOREIGN KEY (`released_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `pending_setting_change` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`proposed_by` text,
	`proposed_at` integer NOT NULL,
	`effective_at` integer NOT NULL,
	FOREIGN KEY (`proposed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `pow_spent` (
	`challenge_hash` blob PRIMARY KEY NOT NULL,
	`expires_hour` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pow_spent_expires` ON `pow_spent` (`expires_hour`);--> statement-breakpoint
CREATE TABLE `rejection` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`prior_status` text NOT NULL,
	`proposed_by` text,
	`proposed_at` integer NOT NULL,
	`confirmed_by` text,
	`confirmed_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`confirmed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `totp_reenrolment` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `totp_reenrolment_token_hash_unique` ON `totp_reenrolment` (`token_hash`);--> statement-breakpoint
CREATE INDEX `totp_reenrolment_user` ON `totp_reenrolment` (`staff_user_id`);--> statement-breakpoint
ALTER TABLE `channel_key` ADD `pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `proposed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `channel_key` ADD `challenge_hash` blob;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `sealed_challenge` blob;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `confirmed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `channel_key` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `check_public_key` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `proposed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `challenge_hash` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `sealed_challenge` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `confirmed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `confirmed_at` integer;