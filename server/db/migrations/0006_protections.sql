CREATE TABLE `callback_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`lead_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `callback_requests_phone` ON `callback_requests` (`site_id`,`phone`,`at`);--> statement-breakpoint
CREATE INDEX `callback_requests_email` ON `callback_requests` (`site_id`,`email`,`at`);--> statement-breakpoint
ALTER TABLE `site_settings` ADD `min_submit_ms` integer DEFAULT 2000 NOT NULL;