// Browser notifications for offers that arrive while the tab is hidden. Permission is asked
// only from the rep's click on a button, never on page load.
import { useCallback, useState } from 'preact/hooks';

export type NotifyPermission = NotificationPermission | 'unsupported';

function current(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function useDesktopNotifications() {
  const [permission, setPermission] = useState<NotifyPermission>(current);

  const request = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setPermission, () => setPermission(current()));
  }, []);

  /** Null when not allowed; the caller closes it when the offer goes. */
  const show = useCallback((title: string, body: string, tag: string): Notification | null => {
    if (current() !== 'granted') return null;
    try {
      const n = new Notification(title, { body, tag, requireInteraction: true });
      n.onclick = () => {
        window.focus();
        n.close();
      };
      return n;
    } catch {
      // Some platforms allow notifications only from a service worker; the sound and title still work.
      return null;
    }
  }, []);

  return { permission, request, show };
}
