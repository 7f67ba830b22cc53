CREATE TABLE `audio_prompt` (
	`text_id` text NOT NULL,
	`locale` text NOT NULL,
	`content_hash` text NOT NULL,
	`mime_type` text NOT NULL,
	`audio` blob NOT NULL,
	`byte_length` integer NOT NULL,
	`updated_by` text,
	`updated_on` text NOT NULL,
	PRIMARY KEY(`text_id`, `locale`),
	FOREIGN KEY (`updated_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audio_prompt_content_hash` ON `audio_prompt` (`content_hash`);