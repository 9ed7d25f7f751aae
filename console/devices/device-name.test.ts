import { describe, expect, it } from 'vitest';
import { cleanDeviceName, defaultDeviceName, DEVICE_NAME_MAX } from './device-name';

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0',
  samsungAndroid: 'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  operaChromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0',
};

describe('defaultDeviceName', () => {
  it('names the browser and the system a rep recognises', () => {
    expect(defaultDeviceName(UA.chromeLinux)).toBe('Chrome on Linux');
    expect(defaultDeviceName(UA.edgeWindows)).toBe('Edge on Windows');
    expect(defaultDeviceName(UA.safariIphone)).toBe('Safari on iPhone');
    expect(defaultDeviceName(UA.chromeIphone)).toBe('Chrome on iPhone');
    expect(defaultDeviceName(UA.firefoxMac)).toBe('Firefox on Mac');
    expect(defaultDeviceName(UA.samsungAndroid)).toBe('Samsung Internet on Android');
    expect(defaultDeviceName(UA.chromeAndroid)).toBe('Chrome on Android');
    expect(defaultDeviceName(UA.operaChromeOs)).toBe('Opera on ChromeOS');
  });

  it('falls back to what it knows, then to "This device"', () => {
    expect(defaultDeviceName('SomeBot/1.0 (Linux)')).toBe('Linux');
    expect(defaultDeviceName('')).toBe('This device');
  });

  it('always gives a name the server takes', () => {
    for (const ua of [...Object.values(UA), '', 'x']) expect(cleanDeviceName(defaultDeviceName(ua))).not.toBeNull();
  });
});

describe('cleanDeviceName', () => {
  it('trims, caps at the server limit, and refuses an empty name', () => {
    expect(cleanDeviceName('  Work laptop ')).toBe('Work laptop');
    expect(cleanDeviceName('x'.repeat(80))).toHaveLength(DEVICE_NAME_MAX);
    expect(cleanDeviceName('   ')).toBeNull();
  });
});
