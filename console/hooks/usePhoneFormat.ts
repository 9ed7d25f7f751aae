// Phone numbers grouped the way their country writes them, without putting the formatter's
// metadata in the console's first download: the formatter is a chunk loaded on first use.
import { useEffect, useState } from 'preact/hooks';

type PhoneFormat = (phone: string) => string;

/** Until the formatter has loaded (or if it cannot), a number shows as stored: E.164, still dialable. */
const asStored: PhoneFormat = (phone) => phone;

let loaded: PhoneFormat | null = null;
let loading: Promise<PhoneFormat> | null = null;

function loadPhoneFormat(): Promise<PhoneFormat> {
  loading ??= import('../phone-format').then(
    (m) => (loaded = m.formatPhone),
    (err: unknown) => {
      // A failed load (a deploy replaced the chunk, the network dropped) is tried again next mount.
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The phone formatter for display; the component renders again once the real one has loaded. */
export function usePhoneFormat(): PhoneFormat {
  const [format, setFormat] = useState<PhoneFormat>(() => loaded ?? asStored);
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    loadPhoneFormat().then(
      (f) => mounted && setFormat(() => f),
      () => undefined,
    );
    return () => {
      mounted = false;
    };
  }, []);
  return format;
}
