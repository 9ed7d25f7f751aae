import { describe, expect, it } from 'vitest';
import { readUtm } from './utm';

describe('readUtm', () => {
  it('reads the five utm parameters by their short names', () => {
    expect(readUtm('?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale&utm_term=ovens&utm_content=ad-2&x=1')).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'spring sale',
      term: 'ovens',
      content: 'ad-2',
    });
  });

  it('keeps only the ones present and non-empty', () => {
    expect(readUtm('?utm_source=newsletter&utm_medium=')).toEqual({ source: 'newsletter' });
  });

  it('is undefined without any', () => {
    expect(readUtm('')).toBeUndefined();
    expect(readUtm('?q=ovens&email=pat@x.test')).toBeUndefined();
  });

  it('caps each value at 200 characters', () => {
    expect(readUtm(`?utm_campaign=${'c'.repeat(300)}`)!.campaign).toHaveLength(200);
  });
});
