import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calendarKeyFrom, seal, unseal } from './credential-box';

const KEY = randomBytes(32);

describe('credential box', () => {
  it('opens what it sealed for the same rep, and the sealed text does not contain the password', () => {
    const sealed = seal(KEY, 'app-password-1234', 'rep-1');
    expect(sealed).not.toContain('app-password-1234');
    expect(seal(KEY, 'app-password-1234', 'rep-1')).not.toBe(sealed);
    expect(unseal(KEY, sealed, 'rep-1')).toBe('app-password-1234');
  });

  it('does not open under another key, for another rep, or when altered', () => {
    const sealed = seal(KEY, 'app-password-1234', 'rep-1');
    expect(() => unseal(randomBytes(32), sealed, 'rep-1')).toThrow();
    expect(() => unseal(KEY, sealed, 'rep-2')).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => unseal(KEY, `v1:${bytes.toString('base64')}`, 'rep-1')).toThrow();
  });

  it('reads a key as 64 hex characters or base64 of 32 bytes, and refuses anything else naming the variable', () => {
    const key = randomBytes(32);
    expect(calendarKeyFrom(key.toString('hex'))).toEqual(key);
    expect(calendarKeyFrom(key.toString('base64'))).toEqual(key);
    expect(calendarKeyFrom(undefined)).toBeNull();
    expect(calendarKeyFrom('')).toBeNull();
    expect(() => calendarKeyFrom('too-short')).toThrow(/SIXTY_CALENDAR_KEY must be 32 random bytes/);
    expect(() => calendarKeyFrom(randomBytes(16).toString('base64'))).toThrow(/SIXTY_CALENDAR_KEY/);
  });
});
