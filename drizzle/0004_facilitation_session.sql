CREATE TABLE `facilitation_session` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`label` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`starts_day` text NOT NULL,
	`ends_day` text NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `submission` ADD `facilitation_session_id` text REFERENCES facilitation_session(id);