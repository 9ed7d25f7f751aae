CREATE INDEX "leads_site_visitor" ON "leads" USING btree ("site_id","visitor_id");--> statement-breakpoint
CREATE INDEX "leads_site_phone" ON "leads" USING btree ("site_id","phone");