ALTER TABLE `leads` ADD `talk` text;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `browser_calls` integer DEFAULT false NOT NULL;