CREATE TABLE `code` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`colour` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`inclusion` text DEFAULT '' NOT NULL,
	`exclusion` text DEFAULT '' NOT NULL,
	`example` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `code`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `code_parent` ON `code` (`parent_id`);--> statement-breakpoint
CREATE TABLE `coding` (
	`id` text PRIMARY KEY NOT NULL,
	`research_record_id` text NOT NULL,
	`field` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`code_id` text NOT NULL,
	`coder_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`research_record_id`) REFERENCES `research_record`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code_id`) REFERENCES `code`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coder_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coding_record` ON `coding` (`research_record_id`);--> statement-breakpoint
CREATE INDEX `coding_code` ON `coding` (`code_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `coding_unique` ON `coding` (`research_record_id`,`field`,`start`,`end`,`code_id`,`coder_id`);--> statement-breakpoint
CREATE TABLE `memo` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`research_record_id` text,
	`coding_id` text,
	`code_id` text,
	`author_id` text NOT NULL,
	`corpus_key_id` integer NOT NULL,
	`nonce` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`research_record_id`) REFERENCES `research_record`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coding_id`) REFERENCES `coding`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code_id`) REFERENCES `code`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`corpus_key_id`) REFERENCES `corpus_key`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `memo_record` ON `memo` (`research_record_id`);--> statement-breakpoint
CREATE INDEX `memo_code` ON `memo` (`code_id`);