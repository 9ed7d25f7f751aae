import { describe, expect, it } from 'vitest';
import { cleanUrl } from './clean-url';

const clean = (href: string) => cleanUrl(new URL(href));

describe('cleanUrl', () => {
  it('drops the query string, which can carry personal data', () => {
    expect(clean('https://shop.test/thanks?email=pat%40x.test&utm_source=ads')).toBe('https://shop.test/thanks');
  });

  it('keeps a hash that is a client-side route, without a query inside it', () => {
    expect(clean('https://app.test/#/pricing')).toBe('https://app.test/#/pricing');
    expect(clean('https://app.test/#!/plans/pro')).toBe('https://app.test/#!/plans/pro');
    expect(clean('https://app.test/#/signup?token=abc')).toBe('https://app.test/#/signup');
  });

  it('drops a hash that is an anchor or anything else', () => {
    expect(clean('https://shop.test/docs#install')).toBe('https://shop.test/docs');
    expect(clean('https://shop.test/#access_token=secret')).toBe('https://shop.test/');
  });

  it('caps the length at what the schema accepts', () => {
    expect(clean(`https://shop.test/${'a'.repeat(3000)}`)).toHaveLength(2000);
  });
});
