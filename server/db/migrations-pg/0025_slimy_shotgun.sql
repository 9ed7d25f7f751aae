ALTER TABLE "leads" ADD COLUMN "report_mql_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_sal_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_sql_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_opportunity_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_won_at" bigint;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "report_exits" text;