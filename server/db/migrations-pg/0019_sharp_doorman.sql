CREATE TABLE "push_action_tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"rep_id" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "push_deliveries" (
	"offer_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"kind" text NOT NULL,
	"claimed_at" bigint NOT NULL,
	CONSTRAINT "push_deliveries_offer_id_subscription_id_kind_pk" PRIMARY KEY("offer_id","subscription_id","kind")
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_delivery_at" bigint,
	"last_failure" text,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "vapid_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "push_action_tokens_expires" ON "push_action_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "push_deliveries_claimed" ON "push_deliveries" USING btree ("claimed_at");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user" ON "push_subscriptions" USING btree ("user_id");