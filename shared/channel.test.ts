import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANNELS, channelOf } from './channel';
import { touchAttribution } from './attribution';

describe('channelOf', () => {
  it.each([
    [null, null, 'direct'],
    ['google', 'cpc', 'paid_search'],
    ['bing', 'ppc', 'paid_search'],
    ['adwords', 'paid_search', 'paid_search'],
    ['facebook', 'cpc', 'paid_social'],
    ['linkedin', 'paid_social', 'paid_social'],
    ['meta', 'paidsocial', 'paid_social'],
    ['google', 'organic', 'organic_search'],
    ['www.google.co.uk', 'referral', 'organic_search'],
    ['duckduckgo.com', 'referral', 'organic_search'],
    ['search.yahoo.com', 'referral', 'organic_search'],
    ['facebook', 'social', 'organic_social'],
    ['t.co', 'referral', 'organic_social'],
    ['l.facebook.com', 'referral', 'organic_social'],
    ['lnkd.in', 'referral', 'organic_social'],
    ['newsletter', null, 'email'],
    ['mailchimp', 'e-mail', 'email'],
    ['hubspot', 'Email', 'email'],
    ['gdn', 'display', 'display'],
    ['partnerco', 'affiliate', 'affiliate'],
    ['podcast', 'paid', 'paid_other'],
    ['news.ycombinator.com', 'referral', 'referral'],
    ['blog.example.org', null, 'referral'],
    ['podcast', 'audio', 'other'],
  ] as const)('%s / %s is %s', (source, medium, channel) => {
    expect(channelOf({ source, medium })).toBe(channel);
  });

  it('is case-blind', () => {
    expect(channelOf({ source: 'Google', medium: 'CPC' })).toBe('paid_search');
    expect(channelOf({ source: 'FACEBOOK', medium: 'Paid_Social' })).toBe('paid_social');
  });

  it('reads a touch as attributed: a search engine referrer is organic search, another site a referral, nothing direct', () => {
    const at = (url: string, referrer: string | null) => {
      const a = touchAttribution({ url, referrer });
      return channelOf({ source: a?.source ?? null, medium: a?.utm.medium ?? null });
    };
    expect(at('https://acme.test/pricing', 'https://www.google.com/')).toBe('organic_search');
    expect(at('https://acme.test/pricing', 'https://news.ycombinator.com/item?id=1')).toBe('referral');
    expect(at('https://acme.test/pricing', null)).toBe('direct');
    expect(at('https://acme.test/?utm_source=google&utm_medium=cpc', null)).toBe('paid_search');
  });

  it('names a known channel for any input, and only a sourceless touch is direct', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (source, medium) => {
        const c = channelOf({ source, medium });
        expect(CHANNELS).toContain(c);
        expect(c === 'direct').toBe(!source);
      }),
    );
  });
});
