DROP INDEX `leads_workspace_hot`;--> statement-breakpoint
CREATE INDEX `leads_workspace_hot` ON `leads` (`workspace_id`,`hot_at`,`captured_at`);--> statement-breakpoint
CREATE INDEX `visitors_workspace_first_seen` ON `visitors` (`workspace_id`,`first_seen_at`,`is_bot`);