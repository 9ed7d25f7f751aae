CREATE INDEX `leads_workspace_hot` ON `leads` (`workspace_id`,`hot_at`);--> statement-breakpoint
CREATE INDEX `leads_workspace_closed` ON `leads` (`workspace_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `offers_workspace_offered` ON `offers` (`workspace_id`,`offered_at`);--> statement-breakpoint
CREATE INDEX `stage_changes_lead_stage` ON `stage_changes` (`lead_id`,`to_stage`);