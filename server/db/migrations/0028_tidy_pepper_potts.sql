ALTER TABLE `leads` ADD `manager_alerted_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `manager_alert_sent_at` integer;--> statement-breakpoint
ALTER TABLE `routing_rules` ADD `team_all_after_ms` integer;--> statement-breakpoint
ALTER TABLE `routing_rules` ADD `alert_managers` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `device_timeout_ms` integer DEFAULT 45000 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `device_order` text DEFAULT 'tabs_first' NOT NULL;