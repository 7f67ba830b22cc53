CREATE TABLE `pow_spent` (
	`challenge_hash` blob PRIMARY KEY NOT NULL,
	`expires_hour` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pow_spent_expires` ON `pow_spent` (`expires_hour`);