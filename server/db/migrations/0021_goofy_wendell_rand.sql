ALTER TABLE `leads` ADD `deal_value` real;--> statement-breakpoint
ALTER TABLE `leads` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `currency` text DEFAULT 'USD' NOT NULL;