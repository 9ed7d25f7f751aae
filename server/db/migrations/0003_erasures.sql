CREATE TABLE `erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`removed` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erasures_workspace` ON `erasures` (`workspace_id`,`at`);