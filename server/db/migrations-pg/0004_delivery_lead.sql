ALTER TABLE "webhook_deliveries" ADD COLUMN "lead_id" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_lead" ON "webhook_deliveries" USING btree ("lead_id");