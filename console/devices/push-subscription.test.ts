import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyBytes } from './push-subscription';

describe('keyBytes', () => {
  it('turns the server’s base64url VAPID key into the bytes PushManager takes', () => {
    for (let i = 0; i < 20; i++) {
      // An uncompressed P-256 point is 65 bytes; other lengths check the padding.
      const bytes = randomBytes(60 + i);
      expect([...keyBytes(bytes.toString('base64url'))]).toEqual([...bytes]);
    }
  });
});
