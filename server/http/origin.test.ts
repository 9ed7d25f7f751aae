import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin';

describe('originAllowed', () => {
  const patterns = ['https://example.com', 'http://localhost:*'];
  it.each([
    ['https://example.com', true],
    ['http://localhost:5173', true],
    ['http://localhost', true],
    ['https://localhost:5173', false],
    ['https://example.com.evil.test', false],
    ['https://evil.test', false],
    ['http://example.com', false],
    ['https://example.com/path', false],
    ['null', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (origin, ok) => {
    expect(originAllowed(origin, patterns)).toBe(ok);
  });
});
