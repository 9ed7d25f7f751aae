// Sends one push: web-push builds the request (RFC 8291 aes128gcm payload encryption, RFC 8292
// VAPID Authorization header, TTL / Urgency / Topic), and our guarded fetch sends it, because a
// push endpoint is a URL a browser supplied: public addresses only unless the operator
// allow-listed the host (SIXTY_FETCH_ALLOW). web-push's own sender would go anywhere.
import webPush from 'web-push';
import type { GuardedFetch } from '../net';
import type { PushMessage } from './push-message.core';
import type { PushDevice, VapidKeyPair } from './push-store';

/** A push service answers at once (it queues the message); longer means it is in trouble. */
const SEND_TIMEOUT_MS = 10_000;
/** Push services answer with an empty body or a short error text. */
const MAX_RESPONSE_BYTES = 4096;

/** What the push service answered: its status and Retry-After, if any. */
export interface PushAnswer {
  status: number;
  retryAfter: string | undefined;
}

export type SendPush = (device: Pick<PushDevice, 'endpoint' | 'p256dh' | 'auth'>, message: PushMessage) => Promise<PushAnswer>;

export function pushSender({ outbound, keys, subject }: { outbound: GuardedFetch; keys: VapidKeyPair; subject: string }): SendPush {
  const vapidDetails = { subject, publicKey: keys.publicKey, privateKey: keys.privateKey };
  return async function sendPush(device, message) {
    const details = webPush.generateRequestDetails(
      { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
      JSON.stringify(message.payload),
      {
        vapidDetails,
        TTL: message.ttlSeconds,
        urgency: message.urgency,
        ...(message.topic ? { topic: message.topic } : {}),
        contentEncoding: 'aes128gcm',
      },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value);
    const res = await outbound(details.endpoint, {
      method: details.method,
      headers,
      ...(details.body ? { body: details.body } : {}),
      timeoutMs: SEND_TIMEOUT_MS,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
    const retryAfter = res.headers['retry-after'];
    return { status: res.status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
  };
}

/** A fresh VAPID key pair (P-256), base64url as browsers and the JWT want it. */
export function newVapidKeys(): VapidKeyPair {
  return webPush.generateVAPIDKeys();
}
