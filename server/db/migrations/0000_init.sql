CREATE TABLE `idempotency_keys` (
	`site_id` text NOT NULL,
	`key` text NOT NULL,
	`workspace_id` text NOT NULL,
	`body_hash` text NOT NULL,
	`lead_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `lead_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead` ON `lead_events` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`visitor_id` text,
	`page_url` text,
	`answers` text NOT NULL,
	`stage` text NOT NULL,
	`fit` text NOT NULL,
	`fit_reason` text,
	`score` integer NOT NULL,
	`mql` integer NOT NULL,
	`hot` integer NOT NULL,
	`reasons` text NOT NULL,
	`rules_version` integer NOT NULL,
	`routing` text NOT NULL,
	`owner_id` text,
	`scheduled_for` integer,
	`outcome` text,
	`captured_at` integer NOT NULL,
	`qualified_at` integer,
	`first_offered_at` integer,
	`accepted_at` integer,
	`first_call_at` integer,
	`outcome_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leads_workspace_captured` ON `leads` (`workspace_id`,`captured_at`);--> statement-breakpoint
CREATE INDEX `leads_routing` ON `leads` (`routing`,`captured_at`);--> statement-breakpoint
CREATE INDEX `leads_owner` ON `leads` (`owner_id`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`status` text NOT NULL,
	`offered_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`responded_at` integer,
	`reason` text,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offers_status_expires` ON `offers` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `offers_rep_status` ON `offers` (`rep_id`,`status`);--> statement-breakpoint
CREATE INDEX `offers_lead` ON `offers` (`lead_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_open_per_lead` ON `offers` (`lead_id`) WHERE status = 'offered';--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`site_key` text NOT NULL,
	`allowed_origins` text NOT NULL,
	`rules` text NOT NULL,
	`launcher_text` text NOT NULL,
	`phone_region` text NOT NULL,
	`offer_timeout_ms` integer NOT NULL,
	`hours` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_site_key` ON `sites` (`site_key`);--> statement-breakpoint
CREATE INDEX `sites_workspace` ON `sites` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `stage_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_changes_lead` ON `stage_changes` (`lead_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`presence` text DEFAULT 'away' NOT NULL,
	`last_offered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_workspace` ON `users` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
