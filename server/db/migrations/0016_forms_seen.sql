CREATE TABLE `form_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`form_key` text NOT NULL,
	`lead_id` text NOT NULL,
	`page_url` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `form_submissions_form` ON `form_submissions` (`site_id`,`form_key`,`at`);--> statement-breakpoint
CREATE INDEX `form_submissions_lead` ON `form_submissions` (`lead_id`);--> statement-breakpoint
CREATE TABLE `forms_seen` (
	`site_id` text NOT NULL,
	`form_key` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`page_url` text NOT NULL,
	`fields` text NOT NULL,
	`submissions` integer DEFAULT 0 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`mapping` text,
	`mapped_at` integer,
	`mapped_by` text,
	PRIMARY KEY(`site_id`, `form_key`)
);
