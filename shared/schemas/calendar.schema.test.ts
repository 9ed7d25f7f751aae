import { describe, expect, it } from 'vitest';
import { calendarLoginSchema } from './calendar.schema';

const login = (serverUrl: string) => calendarLoginSchema.safeParse({ serverUrl, username: 'dana', password: 'pw' });

describe('calendarLoginSchema', () => {
  it('takes an http(s) address, trimmed', () => {
    expect(login('  https://caldav.fastmail.com ').data?.serverUrl).toBe('https://caldav.fastmail.com');
    expect(login('http://cloud.example.com/remote.php/dav').success).toBe(true);
  });

  it('refuses other schemes, non-addresses and credentials inside the address', () => {
    for (const bad of ['ftp://caldav.example.com', 'caldav.example.com', 'https://dana:pw@caldav.example.com', 'https://dana@caldav.example.com/dav'])
      expect(login(bad).error?.issues[0]?.message, bad).toMatch(/Use an address like/);
  });
});
