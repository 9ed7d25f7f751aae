// The signed-in user's own devices for push alerts (issue 22 contract; same-origin, session cookie).
import { request } from '../api';

/** One browser or phone that receives the rep's alerts. */
export interface DeviceView {
  id: string;
  name: string;
  /** ISO times. */
  createdAt: string;
  lastDeliveryAt: string | null;
  /** Why the last push to it failed, if it did. */
  lastFailure: string | null;
}

/** What PushSubscription.toJSON() gives, as the server stores it. */
export interface DeviceSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const base = '/v1/console';

export const devicesApi = {
  key: () => request<{ publicKey: string }>('GET', `${base}/push/key`),
  list: () => request<{ devices: DeviceView[] }>('GET', `${base}/devices`),
  /** The same endpoint again updates its name and keys and keeps its id. */
  save: (name: string, subscription: DeviceSubscription) => request<{ device: DeviceView }>('POST', `${base}/devices`, { name, subscription }, false),
  remove: (id: string) => request<void>('DELETE', `${base}/devices/${encodeURIComponent(id)}`),
};
