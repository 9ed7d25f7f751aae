ALTER TABLE "leads" ADD COLUMN "manager_alerted_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "manager_alert_sent_at" bigint;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "team_all_after_ms" bigint;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "alert_managers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "device_timeout_ms" bigint DEFAULT 45000 NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "device_order" text DEFAULT 'tabs_first' NOT NULL;