DROP INDEX `research_record_month`;--> statement-breakpoint
CREATE INDEX `research_record_month_id` ON `research_record` (`approved_month`,`id`);