PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_callback_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`lead_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_callback_requests`("id", "workspace_id", "site_id", "phone", "email", "lead_id", "at") SELECT "id", "workspace_id", "site_id", "phone", "email", "lead_id", "at" FROM `callback_requests`;--> statement-breakpoint
DROP TABLE `callback_requests`;--> statement-breakpoint
ALTER TABLE `__new_callback_requests` RENAME TO `callback_requests`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `callback_requests_phone` ON `callback_requests` (`site_id`,`phone`,`at`);--> statement-breakpoint
CREATE INDEX `callback_requests_email` ON `callback_requests` (`site_id`,`email`,`at`);