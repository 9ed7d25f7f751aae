CREATE TABLE `account_owners` (
	`workspace_id` text NOT NULL,
	`domain` text NOT NULL,
	`rep_id` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `domain`),
	FOREIGN KEY (`rep_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_ups_rep` ON `follow_ups` (`rep_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_lead` ON `follow_ups` (`lead_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`topic` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`delivered_at`,`id`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`conditions` text NOT NULL,
	`team_id` text NOT NULL,
	`strategy` text NOT NULL,
	`overflow_team_id` text,
	`escalate_to_everyone` integer DEFAULT true NOT NULL,
	`requires` text DEFAULT '{"skills":[],"languages":[],"territory":false}' NOT NULL,
	`owner_wait_ms` integer DEFAULT 15000 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overflow_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routing_rules_site` ON `routing_rules` (`site_id`,`position`);--> statement-breakpoint
CREATE TABLE `sla_breaches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`cause` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_breaches_lead_due` ON `sla_breaches` (`lead_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `sla_breaches_workspace` ON `sla_breaches` (`workspace_id`,`at`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`pass` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`team_id`, `rep_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_rep` ON `team_members` (`rep_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`hours` text NOT NULL,
	`vtime` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `teams_workspace` ON `teams` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer
);
--> statement-breakpoint
CREATE INDEX `invites_workspace` ON `invites` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `password_resets_user` ON `password_resets` (`user_id`);--> statement-breakpoint
DROP INDEX `offers_one_open_per_lead`;--> statement-breakpoint
ALTER TABLE `offers` ADD `step` text DEFAULT 'team' NOT NULL;--> statement-breakpoint
ALTER TABLE `offers` ADD `rule_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_open_per_lead_rep` ON `offers` (`lead_id`,`rep_id`) WHERE status = 'offered';--> statement-breakpoint
ALTER TABLE `lead_events` ADD `data` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `hot_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `queue_reason` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `round_started_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `rule_id` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `contact_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_workspace_routing` ON `leads` (`workspace_id`,`routing`,`hot_at`);--> statement-breakpoint
ALTER TABLE `sites` ADD `sla_ms` integer DEFAULT 60000 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `missed_offers_before_away` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `follow_up_cadence` text DEFAULT '{"offsetsBusinessDays":[0,1,2,4,7,10]}' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` DROP COLUMN `hours`;--> statement-breakpoint
ALTER TABLE `users` ADD `away_reason` text;--> statement-breakpoint
ALTER TABLE `users` ADD `offer_seq` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `missed_in_a_row` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `offer_capacity` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `lead_capacity` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `skills` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `languages` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `territories` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `own_hours` text;