CREATE TABLE `finding` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`status` text NOT NULL,
	`base_locale` text NOT NULL,
	`texts` text NOT NULL,
	`people_count` integer,
	`author_id` text,
	`editor_ids` text NOT NULL,
	`last_editor_id` text,
	`review_note` text,
	`published_by` text,
	`published_day` text,
	`withdrawn_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`last_editor_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `finding_channel_status` ON `finding` (`channel_id`,`status`);