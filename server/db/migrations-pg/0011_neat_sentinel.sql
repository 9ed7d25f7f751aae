CREATE TABLE "calendar_connections" (
	"rep_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"server_url" text NOT NULL,
	"calendar_url" text NOT NULL,
	"display_name" text NOT NULL,
	"username" text NOT NULL,
	"sealed_password" text NOT NULL,
	"time_zone" text,
	"state" text DEFAULT 'connected' NOT NULL,
	"connected_at" bigint NOT NULL,
	"last_read_ok_at" bigint,
	"last_failed_at" bigint,
	"down_since" bigint,
	"last_error" text
);
--> statement-breakpoint
CREATE INDEX "calendar_connections_workspace" ON "calendar_connections" USING btree ("workspace_id");