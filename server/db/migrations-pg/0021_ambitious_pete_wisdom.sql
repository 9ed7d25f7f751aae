ALTER TABLE "leads" ADD COLUMN "report_source" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_campaign" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_visitor_seen_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_touches" text;--> statement-breakpoint
CREATE INDEX "stage_changes_workspace_at" ON "stage_changes" USING btree ("workspace_id","at","id","lead_id","to_stage","reason");