ALTER TABLE "leads" ADD COLUMN "deal_value" double precision;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "closed_at" bigint;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;