ALTER TABLE `leads` ADD `report_source` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_campaign` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_visitor_seen_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_touches` text;--> statement-breakpoint
CREATE INDEX `stage_changes_workspace_at` ON `stage_changes` (`workspace_id`,`at`,`id`,`lead_id`,`to_stage`,`reason`);