CREATE TABLE "digest_sends" (
	"user_id" text NOT NULL,
	"period" text NOT NULL,
	"claimed_at" bigint NOT NULL,
	CONSTRAINT "digest_sends_user_id_period_pk" PRIMARY KEY("user_id","period")
);
--> statement-breakpoint
CREATE TABLE "digest_subscriptions" (
	"user_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"frequency" text NOT NULL,
	"time_zone" text NOT NULL,
	"since" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketing_sla_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"sales_quota" double precision NOT NULL,
	"marketing_share" double precision NOT NULL,
	"average_deal_size" double precision NOT NULL,
	"lead_to_mql" double precision NOT NULL,
	"mql_to_sql" double precision NOT NULL,
	"sql_to_customer" double precision NOT NULL,
	"changed_by" text NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "digest_subscriptions_workspace" ON "digest_subscriptions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "marketing_sla_changes_workspace" ON "marketing_sla_changes" USING btree ("workspace_id","changed_at");