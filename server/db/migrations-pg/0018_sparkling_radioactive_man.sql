DROP INDEX "leads_workspace_hot";--> statement-breakpoint
CREATE INDEX "visitors_workspace_first_seen" ON "visitors" USING btree ("workspace_id","first_seen_at","is_bot");--> statement-breakpoint
CREATE INDEX "leads_workspace_hot" ON "leads" USING btree ("workspace_id","hot_at","captured_at");