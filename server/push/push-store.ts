// What the push area keeps in the database: the install's VAPID keys, each user's devices (push
// subscriptions), the single-use action tokens notifications carry, and per-device delivery
// claims. Both stores (server/db/sqlite/push-ops.ts, pg/push-ops.ts) give this.

/** The install's VAPID key pair (RFC 8292), base64url: the public key is an uncompressed P-256 point. */
export interface VapidKeyPair {
  publicKey: string;
  privateKey: string;
}

/** One browser or phone of a user that takes pushes. */
export interface PushDevice {
  id: string;
  userId: string;
  workspaceId: string;
  name: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: number;
  lastDeliveryAt: number | null;
  lastFailure: string | null;
}

export type NewPushDevice = Pick<PushDevice, 'userId' | 'workspaceId' | 'name' | 'endpoint' | 'p256dh' | 'auth'>;

/** What using an action token found: its offer and rep, or why not. */
export type TokenUse = { ok: true; offerId: string; repId: string } | { ok: false; error: 'unknown' | 'expired' | 'used' };

/** A push claimed per offer and device: the offer itself, or the note that closes it. */
export type DeliveryKind = 'offer' | 'close';

/** What a rep is told when their last device was removed by its push service while they were available on devices. */
export const LAST_DEVICE_GONE =
  'Alerts can no longer reach your last device (its browser ended the subscription), so we set you away. Turn alerts on again on a device, or set yourself available.';
/** What a rep is told when they turned alerts off on their last device while available on devices. */
export const LAST_DEVICE_REMOVED =
  'You turned alerts off on your last device, so we set you away. Turn alerts on again on a device, or set yourself available.';

export interface PushStore {
  /** The install's key pair; the first call stores `make()`'s (of processes starting together, one insert wins and all read it). */
  vapidKeys(make: () => VapidKeyPair, now: number): Promise<VapidKeyPair>;
  /**
   * Saves a device by its endpoint: a new endpoint is a new device (`created`); the same
   * endpoint again updates its name, keys and owner and keeps its id.
   */
  saveDevice(device: NewPushDevice, now: number): Promise<{ device: PushDevice; created: boolean }>;
  /** The user's devices, oldest first. */
  devicesOf(userId: string): Promise<PushDevice[]>;
  deviceCount(userId: string): Promise<number>;
  /**
   * Removes a device: the user turned its alerts off (`ownerId`: only their own), or its push
   * service answered that the subscription is gone (404/410; `ownerId` null). When it was the
   * user's last device and their chosen presence is `devices`, the presence becomes `away` with
   * `awayReason`, in the same transaction (`wentAway`). Null when there was no such device.
   */
  dropDevice(id: string, ownerId: string | null, awayReason: string): Promise<{ userId: string; wentAway: boolean } | null>;
  /** A push was accepted by the device's push service. */
  deliveryOk(id: string, at: number): Promise<void>;
  /** A push failed (for now or for good); the text is shown in the devices list. */
  deliveryFailed(id: string, failure: string): Promise<void>;
  /** Stores a token (by its SHA-256) for one offer and rep, good until the offer expires. */
  addActionToken(token: { hash: string; offerId: string; repId: string; expiresAt: number }): Promise<void>;
  /** Uses a token: the first use consumes it whatever follows; later ones find it `used`. */
  useActionToken(hash: string, now: number): Promise<TokenUse>;
  /** Claims one push to one device; false when it was already claimed (here or by another process). */
  claimDelivery(offerId: string, subscriptionId: string, kind: DeliveryKind, at: number): Promise<boolean>;
  /** Forgets tokens that expired and claims made before `before`; returns how many rows went. */
  prune(before: number): Promise<number>;
}
