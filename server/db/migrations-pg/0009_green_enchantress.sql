ALTER TABLE "form_submissions" ADD COLUMN "answers" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "forms_seen" DROP COLUMN "mapping";--> statement-breakpoint
ALTER TABLE "forms_seen" DROP COLUMN "mapped_at";--> statement-breakpoint
ALTER TABLE "forms_seen" DROP COLUMN "mapped_by";