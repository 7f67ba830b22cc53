CREATE TABLE `pending_setting_change` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`proposed_by` text,
	`proposed_at` integer NOT NULL,
	`effective_at` integer NOT NULL,
	FOREIGN KEY (`proposed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
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
