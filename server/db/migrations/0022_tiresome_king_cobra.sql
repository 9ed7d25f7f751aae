CREATE TABLE `digest_sends` (
	`user_id` text NOT NULL,
	`period` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `period`)
);
--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`user_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`frequency` text NOT NULL,
	`time_zone` text NOT NULL,
	`since` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `digest_subscriptions_workspace` ON `digest_subscriptions` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `marketing_sla_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`sales_quota` real NOT NULL,
	`marketing_share` real NOT NULL,
	`average_deal_size` real NOT NULL,
	`lead_to_mql` real NOT NULL,
	`mql_to_sql` real NOT NULL,
	`sql_to_customer` real NOT NULL,
	`changed_by` text NOT NULL,
	`changed_by_name` text NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `marketing_sla_changes_workspace` ON `marketing_sla_changes` (`workspace_id`,`changed_at`);