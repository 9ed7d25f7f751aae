// Signing out of this browser ends its alerts too: on a shared computer the next person must not
// see the previous rep's hot leads, and a rep who signed out expects silence. Loaded only at sign
// out, so the console's first chunk does not carry it.
import { devicesApi } from './devices-api';
import { rememberThisDevice, thisDeviceId, unsubscribe } from './push-subscription';

/** Removes this browser's device while the session still allows it, then its subscription. */
export async function forgetThisDevice(): Promise<void> {
  const id = thisDeviceId();
  if (!id) return;
  await devicesApi.remove(id).catch(() => {
    // Already removed (on another device's list, or by a 410): the browser side still ends.
  });
  await unsubscribe();
  rememberThisDevice(null);
}
