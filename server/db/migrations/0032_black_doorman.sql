CREATE TABLE `browser_calls` (
	`offer_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`accepted_at` integer NOT NULL,
	`connected_at` integer,
	`ended_at` integer,
	`ended_by` text,
	`duration_ms` integer,
	`visitor_rtt_ms` real,
	`visitor_loss_pct` real,
	`visitor_jitter_ms` real,
	`rep_rtt_ms` real,
	`rep_loss_pct` real,
	`rep_jitter_ms` real
);
--> statement-breakpoint
CREATE INDEX `browser_calls_lead` ON `browser_calls` (`lead_id`);--> statement-breakpoint
CREATE INDEX `browser_calls_workspace_connected` ON `browser_calls` (`workspace_id`,`connected_at`);