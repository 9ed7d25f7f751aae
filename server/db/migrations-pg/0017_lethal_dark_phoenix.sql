CREATE TABLE "visitor_touches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"visitor_id" text,
	"lead_id" text,
	"kind" text NOT NULL,
	"at" bigint NOT NULL,
	"landing_url" text,
	"referrer" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"utm_term" text,
	"utm_content" text
);
--> statement-breakpoint
CREATE INDEX "visitor_touches_visitor" ON "visitor_touches" USING btree ("site_id","visitor_id","at");--> statement-breakpoint
CREATE INDEX "visitor_touches_lead" ON "visitor_touches" USING btree ("lead_id");