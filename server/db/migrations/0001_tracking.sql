CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text,
	`url` text,
	`client_at` integer NOT NULL,
	`at` integer NOT NULL,
	`props` text
);
--> statement-breakpoint
CREATE INDEX `events_visitor` ON `events` (`site_id`,`visitor_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_workspace_at` ON `events` (`workspace_id`,`at`);--> statement-breakpoint
CREATE TABLE `rules_versions` (
	`site_id` text NOT NULL,
	`version` integer NOT NULL,
	`workspace_id` text NOT NULL,
	`rules` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`published_at` integer,
	PRIMARY KEY(`site_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `site_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`consent` text DEFAULT 'implied' NOT NULL,
	`track_selectors` text DEFAULT '[]' NOT NULL,
	`bot_filter` integer DEFAULT true NOT NULL,
	`max_events_per_second` integer DEFAULT 20 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visitors` (
	`site_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`referrer` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_term` text,
	`utm_content` text,
	`landing_url` text,
	`visits` integer DEFAULT 1 NOT NULL,
	`traits` text DEFAULT '{}' NOT NULL,
	`behaviour` text NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`fit` text DEFAULT 'unknown' NOT NULL,
	`mql` integer DEFAULT false NOT NULL,
	`hot` integer DEFAULT false NOT NULL,
	`rules_version` integer NOT NULL,
	`lead_id` text,
	`is_bot` integer DEFAULT false NOT NULL,
	`invited_at` integer,
	PRIMARY KEY(`site_id`, `visitor_id`)
);
--> statement-breakpoint
CREATE INDEX `visitors_lead` ON `visitors` (`lead_id`);--> statement-breakpoint
CREATE INDEX `visitors_workspace_seen` ON `visitors` (`workspace_id`,`last_seen_at`);