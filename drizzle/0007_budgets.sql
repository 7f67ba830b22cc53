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
