// Web Push (issue 22): the install's VAPID key pair, each rep device's push subscription, the
// single-use tokens a notification's Accept and Decline carry, and which pushes were claimed (so
// of several processes sharing the database, one sends each offer's push to each device).
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** The install's VAPID key pair (RFC 8292), made on first start; one row, id `install`. */
export const vapidKeys = sqliteTable('vapid_keys', {
  id: text('id').primaryKey(),
  /** Uncompressed P-256 point, base64url: what browsers subscribe with (`applicationServerKey`). */
  publicKey: text('public_key').notNull(),
  /** The private scalar, base64url: signs the JWT each push carries. */
  privateKey: text('private_key').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One browser or phone a user turned alerts on for: where its push service takes messages, and its keys. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    /** What the user called it ("Dana's phone"). */
    name: text('name').notNull(),
    /** The push service URL the browser gave; one subscription per endpoint. */
    endpoint: text('endpoint').notNull().unique(),
    /** The browser's ECDH public key (base64url) and auth secret (RFC 8291). */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: integer('created_at').notNull(),
    lastDeliveryAt: integer('last_delivery_at'),
    /** What the latest failed delivery said (status or connection failure); null after a success. */
    lastFailure: text('last_failure'),
  },
  (t) => [index('push_subscriptions_user').on(t.userId)],
);

/** The credential of a notification's Accept and Decline: SHA-256 of a random token, bound to one offer and rep. */
export const pushActionTokens = sqliteTable(
  'push_action_tokens',
  {
    hash: text('hash').primaryKey(),
    offerId: text('offer_id').notNull(),
    repId: text('rep_id').notNull(),
    /** The offer's expiry: the token is no good after it. */
    expiresAt: integer('expires_at').notNull(),
    /** Set by the first use, whatever its outcome. */
    usedAt: integer('used_at'),
  },
  (t) => [index('push_action_tokens_expires').on(t.expiresAt)],
);

/** One row per push claimed for a device (`offer` or `close` of an offer), so it is sent once across processes. */
export const pushDeliveries = sqliteTable(
  'push_deliveries',
  {
    offerId: text('offer_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    /** `offer` or `close`. */
    kind: text('kind').notNull(),
    claimedAt: integer('claimed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.subscriptionId, t.kind] }), index('push_deliveries_claimed').on(t.claimedAt)],
);
