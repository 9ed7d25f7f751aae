CREATE TABLE `push_action_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `push_action_tokens_expires` ON `push_action_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `push_deliveries` (
	`offer_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`kind` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`offer_id`, `subscription_id`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `push_deliveries_claimed` ON `push_deliveries` (`claimed_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_delivery_at` integer,
	`last_failure` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_unique` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);--> statement-breakpoint
CREATE TABLE `vapid_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`created_at` integer NOT NULL
);
