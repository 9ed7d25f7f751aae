CREATE TABLE "form_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"site_id" text NOT NULL,
	"form_key" text NOT NULL,
	"lead_id" text NOT NULL,
	"page_url" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forms_seen" (
	"site_id" text NOT NULL,
	"form_key" text NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"page_url" text NOT NULL,
	"fields" text NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"first_seen_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"mapping" text,
	"mapped_at" bigint,
	"mapped_by" text,
	CONSTRAINT "forms_seen_site_id_form_key_pk" PRIMARY KEY("site_id","form_key")
);
--> statement-breakpoint
CREATE INDEX "form_submissions_form" ON "form_submissions" USING btree ("site_id","form_key","at");--> statement-breakpoint
CREATE INDEX "form_submissions_lead" ON "form_submissions" USING btree ("lead_id");