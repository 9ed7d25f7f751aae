import { describe, expect, it } from 'vitest';
import { redactPath } from './request-log';

const TOKEN = 'I0NV0jPxHqW_ZU1osk_zONB5Hn7WPnJfl0uUP0a1b2c';

describe('redactPath', () => {
  it('takes out the token of a one-time link, wherever the link leads', () => {
    expect(redactPath(`/console/invite/${TOKEN}`)).toBe('/console/invite/:redacted');
    expect(redactPath(`/console/reset/${TOKEN}`)).toBe('/console/reset/:redacted');
    expect(redactPath(`/v1/console/invites/${TOKEN}/accept`)).toBe('/v1/console/invites/:redacted/accept');
    expect(redactPath('/v1/console/password-resets/short')).toBe('/v1/console/password-resets/:redacted');
  });

  it('takes out any long URL-safe segment, and keeps words, file names and short ids', () => {
    expect(redactPath(`/anything/${TOKEN}`)).toBe('/anything/:redacted');
    expect(redactPath('/v1/console/leads/0b5c2a4e-8f0e-4c55-9a41-2f7a1d3c9e10/notes')).toBe('/v1/console/leads/:redacted/notes');
    expect(redactPath('/v1/console/account-owners')).toBe('/v1/console/account-owners');
    expect(redactPath('/console/assets/index-BvXk12aBcdEfGhIjKl.js')).toBe('/console/assets/index-BvXk12aBcdEfGhIjKl.js');
    expect(redactPath('/v1/sites/demo_abc123/config')).toBe('/v1/sites/demo_abc123/config');
    expect(redactPath('/v1/console/users/invites/')).toBe('/v1/console/users/invites/');
    expect(redactPath('/')).toBe('/');
  });
});
