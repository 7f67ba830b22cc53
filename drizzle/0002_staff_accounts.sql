CREATE TABLE `invitation` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`roles` text NOT NULL,
	`note` text,
	`pending_totp_secret` blob,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_token_hash_unique` ON `invitation` (`token_hash`);--> statement-breakpoint
CREATE TABLE `staff_recovery_code` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`staff_user_id` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_recovery_code_user` ON `staff_recovery_code` (`staff_user_id`);--> statement-breakpoint
ALTER TABLE `channel` ADD `organisation` text;--> statement-breakpoint
ALTER TABLE `channel` ADD `locales` text;--> statement-breakpoint
ALTER TABLE `staff_session` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `recovery_auth_hash` blob;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_secret` blob;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_last_step` integer DEFAULT 0 NOT NULL;