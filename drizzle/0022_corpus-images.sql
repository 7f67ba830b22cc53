CREATE TABLE `research_image` (
	`id` text PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`position` integer NOT NULL,
	`corpus_key_id` integer NOT NULL,
	`format_version` integer NOT NULL,
	`nonce` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `research_record`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`corpus_key_id`) REFERENCES `corpus_key`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `research_image_record` ON `research_image` (`record_id`);