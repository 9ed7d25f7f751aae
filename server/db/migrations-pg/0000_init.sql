CREATE TABLE "account_owners" (
	"workspace_id" text NOT NULL,
	"domain" text NOT NULL,
	"rep_id" text NOT NULL,
	CONSTRAINT "account_owners_workspace_id_domain_pk" PRIMARY KEY("workspace_id","domain")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"rep_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"due_at" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" bigint NOT NULL,
	"closed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"site_id" text NOT NULL,
	"key" text NOT NULL,
	"workspace_id" text NOT NULL,
	"body_hash" text NOT NULL,
	"lead_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "idempotency_keys_site_id_key_pk" PRIMARY KEY("site_id","key")
);
--> statement-breakpoint
CREATE TABLE "lead_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"data" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"visitor_id" text,
	"page_url" text,
	"answers" text NOT NULL,
	"stage" text NOT NULL,
	"fit" text NOT NULL,
	"fit_reason" text,
	"score" integer NOT NULL,
	"mql" boolean NOT NULL,
	"hot" boolean NOT NULL,
	"reasons" text NOT NULL,
	"rules_version" integer NOT NULL,
	"routing" text NOT NULL,
	"owner_id" text,
	"scheduled_for" bigint,
	"outcome" text,
	"hot_at" bigint,
	"sla_due_at" bigint,
	"queue_reason" text,
	"round_started_at" bigint DEFAULT 0 NOT NULL,
	"rule_id" text,
	"contact_attempts" integer DEFAULT 0 NOT NULL,
	"time_zone" text,
	"sales_qualification" text,
	"captured_at" bigint NOT NULL,
	"qualified_at" bigint,
	"first_offered_at" bigint,
	"accepted_at" bigint,
	"first_call_at" bigint,
	"outcome_at" bigint
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"rep_id" text NOT NULL,
	"status" text NOT NULL,
	"offered_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"responded_at" bigint,
	"reason" text,
	"step" text DEFAULT 'team' NOT NULL,
	"rule_id" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"topic" text NOT NULL,
	"payload" text NOT NULL,
	"created_at" bigint NOT NULL,
	"delivered_at" bigint,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"conditions" text NOT NULL,
	"team_id" text NOT NULL,
	"strategy" text NOT NULL,
	"overflow_team_id" text,
	"escalate_to_everyone" boolean DEFAULT true NOT NULL,
	"requires" text DEFAULT '{"skills":[],"languages":[],"territory":false}' NOT NULL,
	"owner_wait_ms" bigint DEFAULT 15000 NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"site_key" text NOT NULL,
	"allowed_origins" text NOT NULL,
	"rules" text NOT NULL,
	"launcher_text" text NOT NULL,
	"phone_region" text NOT NULL,
	"offer_timeout_ms" bigint NOT NULL,
	"sla_ms" bigint DEFAULT 60000 NOT NULL,
	"missed_offers_before_away" integer DEFAULT 2 NOT NULL,
	"follow_up_cadence" text DEFAULT '{"offsetsBusinessDays":[0,1,2,4,7,10]}' NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_breaches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"due_at" bigint NOT NULL,
	"cause" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" text NOT NULL,
	"rep_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"pass" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "team_members_team_id_rep_id_pk" PRIMARY KEY("team_id","rep_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"hours" text NOT NULL,
	"vtime" double precision DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"presence" text DEFAULT 'away' NOT NULL,
	"away_reason" text,
	"last_offered_at" bigint,
	"offer_seq" bigint,
	"missed_in_a_row" integer DEFAULT 0 NOT NULL,
	"offer_capacity" integer DEFAULT 1 NOT NULL,
	"lead_capacity" integer DEFAULT 5 NOT NULL,
	"skills" text DEFAULT '[]' NOT NULL,
	"languages" text DEFAULT '[]' NOT NULL,
	"territories" text DEFAULT '[]' NOT NULL,
	"own_hours" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"visitor_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text,
	"url" text,
	"client_at" bigint NOT NULL,
	"at" bigint NOT NULL,
	"props" text
);
--> statement-breakpoint
CREATE TABLE "rules_versions" (
	"site_id" text NOT NULL,
	"version" integer NOT NULL,
	"workspace_id" text NOT NULL,
	"rules" text NOT NULL,
	"status" text NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text,
	"published_at" bigint,
	CONSTRAINT "rules_versions_site_id_version_pk" PRIMARY KEY("site_id","version")
);
--> statement-breakpoint
CREATE TABLE "site_settings" (
	"site_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"consent" text DEFAULT 'implied' NOT NULL,
	"track_selectors" text DEFAULT '[]' NOT NULL,
	"bot_filter" boolean DEFAULT true NOT NULL,
	"max_events_per_second" integer DEFAULT 20 NOT NULL,
	"min_submit_ms" integer DEFAULT 2000 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitors" (
	"site_id" text NOT NULL,
	"visitor_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"first_seen_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"referrer" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"utm_term" text,
	"utm_content" text,
	"landing_url" text,
	"visits" integer DEFAULT 1 NOT NULL,
	"traits" text DEFAULT '{}' NOT NULL,
	"behaviour" text NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"fit" text DEFAULT 'unknown' NOT NULL,
	"mql" boolean DEFAULT false NOT NULL,
	"hot" boolean DEFAULT false NOT NULL,
	"rules_version" integer NOT NULL,
	"lead_id" text,
	"is_bot" boolean DEFAULT false NOT NULL,
	"invited_at" bigint,
	CONSTRAINT "visitors_site_id_visitor_id_pk" PRIMARY KEY("site_id","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"actor" text NOT NULL,
	"at" bigint NOT NULL,
	"removed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"accepted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "retired_site_keys" (
	"site_key" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_appearance" (
	"site_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"accent_color" text DEFAULT '#1a47d6' NOT NULL,
	"position" text DEFAULT 'right' NOT NULL,
	"z_index" integer DEFAULT 2147483000 NOT NULL,
	"texts" text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_installs" (
	"site_id" text NOT NULL,
	"origin" text NOT NULL,
	"workspace_id" text NOT NULL,
	"first_seen_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"last_url" text,
	CONSTRAINT "site_installs_site_id_origin_pk" PRIMARY KEY("site_id","origin")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"webhook_id" text NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" bigint NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"delivered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"url" text NOT NULL,
	"kind" text NOT NULL,
	"secret" text NOT NULL,
	"topics" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"lead_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_owners" ADD CONSTRAINT "account_owners_rep_id_users_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_rep_id_users_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_rep_id_users_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_overflow_team_id_teams_id_fk" FOREIGN KEY ("overflow_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_rep_id_users_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_rep" ON "follow_ups" USING btree ("rep_id","status","due_at");--> statement-breakpoint
CREATE INDEX "follow_ups_lead" ON "follow_ups" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "idempotency_created" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "lead_events_lead" ON "lead_events" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "lead_notes_lead" ON "lead_notes" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "leads_workspace_captured" ON "leads" USING btree ("workspace_id","captured_at");--> statement-breakpoint
CREATE INDEX "leads_routing" ON "leads" USING btree ("routing","captured_at");--> statement-breakpoint
CREATE INDEX "leads_workspace_routing" ON "leads" USING btree ("workspace_id","routing","hot_at");--> statement-breakpoint
CREATE INDEX "leads_owner" ON "leads" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "offers_status_expires" ON "offers" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "offers_rep_status" ON "offers" USING btree ("rep_id","status");--> statement-breakpoint
CREATE INDEX "offers_lead" ON "offers" USING btree ("lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_open_per_lead_rep" ON "offers" USING btree ("lead_id","rep_id") WHERE status = 'offered';--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("delivered_at","id");--> statement-breakpoint
CREATE INDEX "routing_rules_site" ON "routing_rules" USING btree ("site_id","position");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_site_key" ON "sites" USING btree ("site_key");--> statement-breakpoint
CREATE INDEX "sites_workspace" ON "sites" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_breaches_lead_due" ON "sla_breaches" USING btree ("lead_id","due_at");--> statement-breakpoint
CREATE INDEX "sla_breaches_workspace" ON "sla_breaches" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "stage_changes_lead" ON "stage_changes" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "team_members_rep" ON "team_members" USING btree ("rep_id");--> statement-breakpoint
CREATE INDEX "teams_workspace" ON "teams" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_workspace" ON "users" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "events_visitor" ON "events" USING btree ("site_id","visitor_id","id");--> statement-breakpoint
CREATE INDEX "events_workspace_at" ON "events" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "visitors_lead" ON "visitors" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "visitors_workspace_seen" ON "visitors" USING btree ("workspace_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "erasures_workspace" ON "erasures" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "invites_workspace" ON "invites" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "password_resets_user" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event" ON "webhook_deliveries" USING btree ("webhook_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("status","next_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook" ON "webhook_deliveries" USING btree ("webhook_id","id");--> statement-breakpoint
CREATE INDEX "webhooks_workspace" ON "webhooks" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "callback_requests_phone" ON "callback_requests" USING btree ("site_id","phone","at");--> statement-breakpoint
CREATE INDEX "callback_requests_email" ON "callback_requests" USING btree ("site_id","email","at");