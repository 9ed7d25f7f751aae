ALTER TABLE "leads" ADD COLUMN "referrer" text;--> statement-breakpoint
ALTER TABLE "rules_versions" ADD COLUMN "retired_at" bigint;