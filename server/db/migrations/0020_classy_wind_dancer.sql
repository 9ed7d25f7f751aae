CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`status` text NOT NULL,
	`uid` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_rep_start_active` ON `bookings` (`rep_id`,`start_at`) WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_uid` ON `bookings` (`uid`);--> statement-breakpoint
CREATE INDEX `bookings_lead` ON `bookings` (`lead_id`);--> statement-breakpoint
CREATE INDEX `bookings_workspace_start` ON `bookings` (`workspace_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `rep_feeds` (
	`rep_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rep_feeds_token` ON `rep_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `site_booking` (
	`site_id` text PRIMARY KEY NOT NULL,
	`meeting_minutes` integer NOT NULL,
	`notice_minutes` integer NOT NULL,
	`buffer_minutes` integer NOT NULL
);
