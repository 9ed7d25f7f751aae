// The name a new device gets in the rep's list until they change it: "Chrome on Linux",
// "Safari on iPhone". Read from the User-Agent string, most specific brand first (Edge and Opera
// also say "Chrome"; Chrome also says "Safari").

/** The longest name the server takes (the devices API: 1..60 characters). */
export const DEVICE_NAME_MAX = 60;

const BROWSERS: readonly [string, string][] = [
  ['Edg/', 'Edge'],
  ['EdgA/', 'Edge'],
  ['OPR/', 'Opera'],
  ['SamsungBrowser/', 'Samsung Internet'],
  ['Firefox/', 'Firefox'],
  ['FxiOS/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
];

const SYSTEMS: readonly [string, string][] = [
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Android', 'Android'],
  ['CrOS', 'ChromeOS'],
  ['Windows', 'Windows'],
  ['Mac OS X', 'Mac'],
  ['Macintosh', 'Mac'],
  ['Linux', 'Linux'],
];

const first = (ua: string, table: readonly [string, string][]) => table.find(([mark]) => ua.includes(mark))?.[1] ?? null;

export function defaultDeviceName(userAgent: string): string {
  const browser = first(userAgent, BROWSERS);
  const system = first(userAgent, SYSTEMS);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'This device';
}

/** A name the server accepts: trimmed, 1..60 characters; null when empty. */
export function cleanDeviceName(name: string): string | null {
  const trimmed = name.trim().slice(0, DEVICE_NAME_MAX).trim();
  return trimmed || null;
}
