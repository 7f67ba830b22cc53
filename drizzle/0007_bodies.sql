CREATE TABLE `attachment_chunk` (
	`attachment_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`ciphertext` blob NOT NULL,
	PRIMARY KEY(`attachment_id`, `sequence`),
	FOREIGN KEY (`attachment_id`) REFERENCES `attachment`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `attachment` ADD `uploaded` integer DEFAULT false NOT NULL;