import { describe, expect, it } from 'vitest';
import { leadOfHash } from './paths';

describe('leadOfHash', () => {
  it('reads the lead a notification links to', () => {
    expect(leadOfHash('#/leads/lead_123')).toBe('lead_123');
    expect(leadOfHash('#/leads/a%20b')).toBe('a b');
  });

  it('is null for any other address', () => {
    for (const hash of ['', '#', '#/leads/', '#/leads/a/b', '#/lead/x', '#/leads/%E0%A4%A', '#leads/x']) expect(leadOfHash(hash)).toBeNull();
  });
});
