ALTER TABLE `follow_ups` ADD `notice_sent_at` integer;--> statement-breakpoint
CREATE INDEX `follow_ups_due` ON `follow_ups` (`status`,`due_at`);