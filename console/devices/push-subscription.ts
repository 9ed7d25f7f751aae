// This browser's side of push alerts: whether it can receive them, its subscription with the
// server's VAPID key, and which of the rep's devices it is (remembered here, since the device
// list does not show endpoints).
import type { DeviceSubscription } from './devices-api';

/** What the browser allows: `unsupported` (no service worker or Push API, e.g. Safari on iPhone
 * outside an installed app), else the notification permission. */
export type PushState = 'unsupported' | NotificationPermission;

export function pushState(): PushState {
  if (!('serviceWorker' in navigator) || typeof PushManager === 'undefined' || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** A VAPID public key (base64url, as the server gives it) as the bytes PushManager takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How long to wait for the console's service worker, and for the browser's push service to
 * register this device (it can hang when the push service is unreachable). */
const WAIT_MS = 20_000;

function within<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), WAIT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function registration(): Promise<ServiceWorkerRegistration> {
  return within(navigator.serviceWorker.ready, 'The console’s background worker is not running here. Reload the page and try again.');
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushState() === 'unsupported') return null;
  return (await registration()).pushManager.getSubscription();
}

const sameKey = (sub: PushSubscription, key: Uint8Array) => {
  const have = sub.options.applicationServerKey;
  if (!have) return false;
  const bytes = new Uint8Array(have);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
};

/** This browser's subscription for the server's key: the existing one, or a new one (a
 * subscription made for another key, e.g. before the server's keys changed, is replaced). */
export async function subscribe(publicKey: string): Promise<DeviceSubscription> {
  const reg = await registration();
  const key = keyBytes(publicKey);
  let sub = await reg.pushManager.getSubscription();
  if (sub && !sameKey(sub, key)) {
    await sub.unsubscribe();
    sub = null;
  }
  sub ??= await within(
    reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }).catch((err: unknown) => {
      throw new Error(`This browser could not register for alerts (${err instanceof Error ? err.message : 'its push service refused'}).`);
    }),
    'This browser’s push service did not answer. Check the connection and try again.',
  );
  const json = sub.toJSON();
  return { endpoint: sub.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } };
}

export async function unsubscribe(): Promise<void> {
  const sub = await currentSubscription().catch(() => null);
  await sub?.unsubscribe().catch(() => false);
}

const DEVICE_KEY = 'sixty.pushDevice';

/** The id of the device this browser was saved as, when it still has its subscription. */
export function thisDeviceId(): string | null {
  try {
    return localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}

export function rememberThisDevice(id: string | null) {
  try {
    if (id) localStorage.setItem(DEVICE_KEY, id);
    else localStorage.removeItem(DEVICE_KEY);
  } catch {
    // Storage off: the list just cannot say which device this is.
  }
}
