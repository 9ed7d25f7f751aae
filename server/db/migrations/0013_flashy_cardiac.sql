ALTER TABLE `leads` ADD `referrer` text;--> statement-breakpoint
ALTER TABLE `rules_versions` ADD `retired_at` integer;