import { describe, expect, it } from 'vitest';
import { leadOfToken, visitorToken } from './visitor-token';

describe('visitor tokens', () => {
  it('grant exactly their lead, and nothing when forged', () => {
    const token = visitorToken('secret', 'lead-1');
    expect(leadOfToken('secret', token)).toBe('lead-1');
    expect(leadOfToken('other-secret', token)).toBeNull();
    expect(leadOfToken('secret', token.replace('lead-1', 'lead-2'))).toBeNull();
    expect(leadOfToken('secret', `${token}x`)).toBeNull();
    for (const junk of [undefined, null, 42, '', '.', 'x'.repeat(400), { token }]) expect(leadOfToken('secret', junk)).toBeNull();
  });
});
