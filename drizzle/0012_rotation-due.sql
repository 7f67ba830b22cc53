ALTER TABLE `channel_key` ADD `rotation_due_since` integer;--> statement-breakpoint
ALTER TABLE `corpus_key` ADD `rotation_due_since` integer;--> statement-breakpoint
-- Until now the recommendation was read from the audit log at every view; carry over what it
-- showed, from the removed channels each event names (not from a search of its whole detail).
UPDATE `channel_key` SET `rotation_due_since` = (
	SELECT min(`audit_event`.`at`) FROM `audit_event`
	WHERE `audit_event`.`action` IN ('user.disabled', 'user.roles_changed')
		AND `audit_event`.`at` > `channel_key`.`created_at`
		AND instr(',' || coalesce(json_extract(`audit_event`.`detail`, '$.channels'), '') || ',', ',' || `channel_key`.`channel_id` || ',') > 0
)
WHERE `version` = (SELECT max(`newest`.`version`) FROM `channel_key` AS `newest` WHERE `newest`.`channel_id` = `channel_key`.`channel_id`);--> statement-breakpoint
UPDATE `corpus_key` SET `rotation_due_since` = (
	SELECT min(`audit_event`.`at`) FROM `audit_event`
	WHERE `audit_event`.`action` = 'user.disabled' AND `audit_event`.`at` > `corpus_key`.`created_at`
)
WHERE `version` = (SELECT max(`version`) FROM `corpus_key`);
