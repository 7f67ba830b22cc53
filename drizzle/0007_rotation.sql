ALTER TABLE `channel_key` ADD `pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `proposed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `channel_key` ADD `challenge_hash` blob;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `sealed_challenge` blob;--> statement-breakpoint
ALTER TABLE `channel_key` ADD `confirmed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `channel_key` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `check_public_key` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `proposed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `challenge_hash` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `sealed_challenge` blob;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `confirmed_by` text REFERENCES staff_user(id);--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `confirmed_at` integer;