ALTER TABLE `facilitation_session` ADD `join_code` text;--> statement-breakpoint
ALTER TABLE `facilitation_session` ADD `locales` text;--> statement-breakpoint
ALTER TABLE `facilitation_session` ADD `expected_participants` integer;--> statement-breakpoint
ALTER TABLE `facilitation_session` ADD `withdrawn_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `facilitation_session_join_code_unique` ON `facilitation_session` (`join_code`);