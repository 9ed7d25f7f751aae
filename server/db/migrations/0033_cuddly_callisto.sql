ALTER TABLE `leads` ADD `report_mql_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_sal_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_sql_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_opportunity_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_won_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `report_exits` text;