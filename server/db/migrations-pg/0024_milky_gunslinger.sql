CREATE TABLE "browser_calls" (
	"offer_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"rep_id" text NOT NULL,
	"accepted_at" bigint NOT NULL,
	"connected_at" bigint,
	"ended_at" bigint,
	"ended_by" text,
	"duration_ms" bigint,
	"visitor_rtt_ms" double precision,
	"visitor_loss_pct" double precision,
	"visitor_jitter_ms" double precision,
	"rep_rtt_ms" double precision,
	"rep_loss_pct" double precision,
	"rep_jitter_ms" double precision
);
--> statement-breakpoint
CREATE INDEX "browser_calls_lead" ON "browser_calls" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "browser_calls_workspace_connected" ON "browser_calls" USING btree ("workspace_id","connected_at");