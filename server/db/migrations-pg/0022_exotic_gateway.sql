ALTER TABLE "follow_ups" ADD COLUMN "notice_sent_at" bigint;--> statement-breakpoint
CREATE INDEX "follow_ups_due" ON "follow_ups" USING btree ("status","due_at");