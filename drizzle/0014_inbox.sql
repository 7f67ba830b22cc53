-- The inbox: stable references, what each staff member has read, and what waits for a reply.
-- inbox_seen is WITHOUT ROWID like the survivor tables (0011): a rowid would keep the order in
-- which testimonies were opened. drizzle-kit cannot express it, so that line is written by hand.
CREATE TABLE `inbox_seen` (
	`staff_user_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`survivor_messages_seen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`staff_user_id`, `submission_id`),
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `inbox_seen_submission` ON `inbox_seen` (`submission_id`);--> statement-breakpoint
ALTER TABLE `submission` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `submission` ADD `survivor_messages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `submission` ADD `unanswered_since_day` text;--> statement-breakpoint
CREATE INDEX `submission_channel_status_day` ON `submission` (`channel_id`,`status`,`received_day`);--> statement-breakpoint
CREATE INDEX `submission_inbox` ON `submission` (`channel_id`,`received_day`,`status`,`survivor_messages`,`unanswered_since_day`,`facilitation_session_id`,`reference`);--> statement-breakpoint
-- ==== Backfill (hand-written data SQL) ====
-- References: 8 characters drawn at random from an alphabet without look-alikes (no 0/O, 1/I/L,
-- U), the same alphabet intake uses. A clash among existing rows is drawn again; the unique index
-- is created only afterwards, so a clash left over would stop the migration rather than pass.
UPDATE `submission` SET `reference` = substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1);--> statement-breakpoint
UPDATE `submission` SET `reference` = substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)
	WHERE EXISTS (SELECT 1 FROM `submission` AS `other` WHERE `other`.`reference` = `submission`.`reference` AND `other`.`id` < `submission`.`id`);--> statement-breakpoint
UPDATE `submission` SET `reference` = substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)||substr('23456789ABCDEFGHJKMNPQRSTWXYZ', 1 + ((random() & 2147483647) % 29), 1)
	WHERE EXISTS (SELECT 1 FROM `submission` AS `other` WHERE `other`.`reference` = `submission`.`reference` AND `other`.`id` < `submission`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `submission_reference` ON `submission` (`reference`);--> statement-breakpoint
-- Survivors' follow-up messages so far, and the oldest one no staff reply has followed.
UPDATE `submission` SET
	`survivor_messages` = (SELECT count(*) FROM `message` WHERE `message`.`submission_id` = `submission`.`id` AND `message`.`direction` = 'from_survivor'),
	`unanswered_since_day` = (
		SELECT min(`m`.`sent_day`) FROM `message` AS `m`
		WHERE `m`.`submission_id` = `submission`.`id` AND `m`.`direction` = 'from_survivor'
			AND `m`.`sequence` > coalesce((SELECT max(`r`.`sequence`) FROM `message` AS `r` WHERE `r`.`submission_id` = `submission`.`id` AND `r`.`direction` = 'to_survivor'), 0)
	);--> statement-breakpoint
-- Testimonies someone already opened (no longer 'new') count as read by the channel's moderators,
-- with their messages so far, so nobody faces thousands of unread markers after the upgrade.
INSERT INTO `inbox_seen` (`staff_user_id`, `submission_id`, `survivor_messages_seen`)
	SELECT DISTINCT `staff_role`.`staff_user_id`, `submission`.`id`, `submission`.`survivor_messages`
	FROM `submission` INNER JOIN `staff_role` ON `staff_role`.`channel_id` = `submission`.`channel_id` AND `staff_role`.`role` = 'moderator'
	WHERE `submission`.`status` <> 'new';
