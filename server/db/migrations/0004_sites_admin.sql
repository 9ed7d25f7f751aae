CREATE TABLE `retired_site_keys` (
	`site_key` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_appearance` (
	`site_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`accent_color` text DEFAULT '#1a47d6' NOT NULL,
	`position` text DEFAULT 'right' NOT NULL,
	`z_index` integer DEFAULT 2147483000 NOT NULL,
	`texts` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_installs` (
	`site_id` text NOT NULL,
	`origin` text NOT NULL,
	`workspace_id` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`last_url` text,
	PRIMARY KEY(`site_id`, `origin`)
);
