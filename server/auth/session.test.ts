import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, cookieFromHeader } from './session';

describe('cookieFromHeader (socket.io handshakes)', () => {
  it('finds the session cookie among others, decoded, quoted or not', () => {
    expect(cookieFromHeader(`theme=dark; ${SESSION_COOKIE}=abc%2Bdef; other=1`, SESSION_COOKIE)).toBe('abc+def');
    expect(cookieFromHeader(`${SESSION_COOKIE}="abc"`, SESSION_COOKIE)).toBe('abc');
  });

  it('answers undefined, never throws, for no header, another name or a malformed value', () => {
    expect(cookieFromHeader(undefined, SESSION_COOKIE)).toBeUndefined();
    expect(cookieFromHeader(`not_${SESSION_COOKIE}=abc`, SESSION_COOKIE)).toBeUndefined();
    // A lone "%E0" made decodeURIComponent throw in the hand-written parser.
    expect(() => cookieFromHeader(`${SESSION_COOKIE}=%E0`, SESSION_COOKIE)).not.toThrow();
  });
});
