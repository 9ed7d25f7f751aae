ALTER TABLE `webhook_deliveries` ADD `lead_id` text;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_lead` ON `webhook_deliveries` (`lead_id`);