ALTER TABLE "leads" ADD COLUMN "talk" text;--> statement-breakpoint
ALTER TABLE "site_settings" ADD COLUMN "browser_calls" boolean DEFAULT false NOT NULL;