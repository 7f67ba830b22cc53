CREATE TABLE `coding_round` (
	`id` integer PRIMARY KEY NOT NULL,
	`opened_at` integer NOT NULL,
	`revealed_at` integer,
	`revealed_by` text,
	FOREIGN KEY (`revealed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `coding` ADD `round_id` integer REFERENCES coding_round(id);--> statement-breakpoint
CREATE INDEX `coding_by_round` ON `coding` (`round_id`);