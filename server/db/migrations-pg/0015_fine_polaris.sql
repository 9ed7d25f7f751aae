CREATE INDEX "leads_workspace_hot" ON "leads" USING btree ("workspace_id","hot_at");--> statement-breakpoint
CREATE INDEX "leads_workspace_closed" ON "leads" USING btree ("workspace_id","closed_at");--> statement-breakpoint
CREATE INDEX "offers_workspace_offered" ON "offers" USING btree ("workspace_id","offered_at");--> statement-breakpoint
CREATE INDEX "stage_changes_lead_stage" ON "stage_changes" USING btree ("lead_id","to_stage");