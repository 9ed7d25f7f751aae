CREATE INDEX "leads_workspace_hot" ON "leads" USING btree ("workspace_id","hot_at");--> statement-breakpoint
CREATE INDEX "leads_workspace_closed" ON "leads" USING btree ("workspace_id","closed_at");--> statement-breakpoint
CREATE INDEX "offers_workspace_offered" ON "offers" USING btree ("workspace_id","offered_at");