// Web Push (issue 22): a device's push subscription as the console saves it, the devices list,
// the VAPID public key, and a notification's Accept or Decline.
import { z } from 'zod';

/** Unpadded base64url text that decodes to exactly `bytes` bytes. */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((s) => Math.floor((s.replace(/=+$/, '').length * 6) / 8) === bytes, `${what} must be ${bytes} bytes`);

/** `PushSubscription.toJSON()` of the browser (its `expirationTime` is allowed and ignored). */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/, message: 'The endpoint must be an https URL' })
    .max(2000)
    .describe("The push service URL the browser's subscription gave"),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: base64url(65, 'p256dh')
      .refine((s) => s.startsWith('B'), 'p256dh must be an uncompressed P-256 point')
      .describe("The browser's ECDH public key: an uncompressed P-256 point (65 bytes), base64url"),
    auth: base64url(16, 'auth').describe('The auth secret (16 bytes), base64url'),
  }),
});

/** `POST /v1/console/devices`: turn on alerts on this device. */
export const deviceRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the device a name').max(60, 'At most 60 characters'),
  subscription: pushSubscriptionSchema,
});

/** A device as the console lists it (no endpoint or keys: they stay on the server). */
export const deviceViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastDeliveryAt: z.iso.datetime().nullable(),
  lastFailure: z.string().nullable().describe('What the latest failed push said; null after a success'),
});

export const devicesSchema = z.strictObject({ devices: z.array(deviceViewSchema) });
export const deviceSavedSchema = z.strictObject({ device: deviceViewSchema });

/** `GET /v1/console/push/key`. */
export const pushKeySchema = z.strictObject({
  publicKey: z.string().describe("The install's VAPID public key (uncompressed P-256, base64url), the `applicationServerKey` to subscribe with"),
});

/** `POST /v1/push/action`: what the service worker sends from a notification's button. */
export const pushActionSchema = z.strictObject({
  token: z.string().min(1, 'The token is missing').max(200, 'Not a push token').describe("The action token of the offer's push payload"),
  action: z.enum(['accept', 'decline'], 'Use accept or decline'),
});

export const pushActionResultSchema = z.strictObject({ ok: z.literal(true), leadId: z.string().describe('The lead of the offer, for its card') });
