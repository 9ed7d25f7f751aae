import { describe, expect, it } from 'vitest';
import { forwardedClient } from './client-ip';

describe('forwardedClient', () => {
  it('counts trusted proxies from the right, ignoring what the client wrote before them', () => {
    expect(forwardedClient('203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('10.0.0.1, 10.0.0.2, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('10.0.0.1, 203.0.113.7, 198.51.100.1', 2)).toBe('203.0.113.7');
    expect(forwardedClient('203.0.113.7, 198.51.100.1', 2)).toBe('203.0.113.7');
  });

  it('skips empty entries a client can send, and trims spaces', () => {
    expect(forwardedClient(',, ,203.0.113.7 ', 1)).toBe('203.0.113.7');
    expect(forwardedClient('x,, 203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('trusts nothing when the chain is shorter than the proxies in front', () => {
    expect(forwardedClient('10.0.0.1', 2)).toBeNull();
    expect(forwardedClient('', 1)).toBeNull();
    expect(forwardedClient(undefined, 1)).toBeNull();
  });
});
