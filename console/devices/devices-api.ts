// The signed-in user's own devices for push alerts (issue 22; same-origin, session cookie).
import type { DeviceBody, DeviceList, DeviceSaved, DeviceView, PushKey } from '../../shared/console-api';
import { request } from '../api';

export type { DeviceView };

/** What PushSubscription.toJSON() gives, as the server stores it. */
export type DeviceSubscription = DeviceBody['subscription'];

const base = '/v1/console';

export const devicesApi = {
  key: () => request<PushKey>('GET', `${base}/push/key`),
  list: () => request<DeviceList>('GET', `${base}/devices`),
  /** The same endpoint again updates its name and keys and keeps its id. */
  save: (body: DeviceBody) => request<DeviceSaved>('POST', `${base}/devices`, body, false),
  remove: (id: string) => request<void>('DELETE', `${base}/devices/${encodeURIComponent(id)}`),
};
