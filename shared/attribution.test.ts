import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, touchAttribution } from './attribution';

const callback = (url: string | null, referrer: string | null = null) => ({ url, referrer });

describe('attribute', () => {
  it('takes utm_source from the page a callback was asked from', () => {
    const a = attribute([null, callback('https://shop.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring')]);
    expect(a).toEqual({ source: 'google', utm: { source: 'google', medium: 'cpc', campaign: 'spring', term: null, content: null }, referrer: null });
  });

  it('prefers the tracked first touch when it names a source, else falls back to the callback', () => {
    const visitor = { url: 'https://shop.example/', referrer: null, utm: { source: 'newsletter', campaign: 'fall' } };
    expect(attribute([visitor, callback('https://shop.example/?utm_source=google')]).source).toBe('newsletter');
    const direct = { url: 'https://shop.example/', referrer: null };
    expect(attribute([direct, callback('https://shop.example/?utm_source=google')]).source).toBe('google');
  });

  it('names a referring site by its host, but not a click between pages of the same site', () => {
    const a = attribute([callback('https://shop.example/pricing', 'https://news.example.org/story?id=1')]);
    expect(a).toMatchObject({ source: 'news.example.org', utm: { medium: 'referral' }, referrer: 'https://news.example.org/story?id=1' });
    expect(attribute([callback('https://www.shop.example/pricing', 'https://shop.example/')]).source).toBeNull();
    expect(touchAttribution(callback(null, 'android-app://com.example'))).toBeNull();
  });

  it('is direct when nothing names a source', () => {
    expect(attribute([null, callback(null)])).toEqual({
      source: null,
      utm: { source: null, medium: null, campaign: null, term: null, content: null },
      referrer: null,
    });
  });

  it('never throws, whatever the URLs', () => {
    const url = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom('https://a.example/?utm_source=', 'http://www.b.example/x?q=', 'https://c.example:8443/'), fc.string()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.option(url), fc.option(url), (page, referrer) => {
        const a = attribute([
          { url: page, referrer },
          { url: referrer, referrer: page },
        ]);
        expect(a.source === null || a.source.length > 0).toBe(true);
      }),
    );
  });
});
