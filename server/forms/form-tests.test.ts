import { describe, expect, it } from 'vitest';
import { FORM_TEST_TTL_MS, FormTests } from './form-tests';

const FORM = { workspaceId: 'w', siteId: 's1', formKey: 'quote-form', page: 'https://shop.example/quote' };
const tokenOf = (url: string) => decodeURIComponent(new URL(url).hash.slice('#sixty-test='.length));

describe('FormTests', () => {
  it('verifies its own token for the site and form it was made for, until it expires', () => {
    const tests = new FormTests('secret');
    const t = tests.open(FORM, 1000);
    expect(t.url.startsWith('https://shop.example/quote#sixty-test=')).toBe(true);
    const token = tokenOf(t.url);
    expect(tests.verify(token, 's1', 'quote-form', 2000)).toBe(t.testId);
    expect(tests.verify(token, 's2', 'quote-form', 2000)).toBeNull();
    expect(tests.verify(token, 's1', 'other-form', 2000)).toBeNull();
    expect(tests.verify(token, 's1', 'quote-form', 1000 + FORM_TEST_TTL_MS + 1)).toBeNull();
    expect(tests.get(t.testId, 1000 + FORM_TEST_TTL_MS + 1)).toBeNull();
  });

  it('refuses a forged, re-dated or foreign token', () => {
    const tests = new FormTests('secret');
    const [id, exp, sig] = tokenOf(tests.open(FORM, 1000).url).split('.');
    expect(tests.verify(`${id}.${Number(exp) + 60_000}.${sig}`, 's1', 'quote-form', 2000)).toBeNull();
    // One character of the signature changed (never to itself: a signature may start with 'x').
    const forged = `${sig![0] === 'x' ? 'y' : 'x'}${sig!.slice(1)}`;
    expect(forged).not.toBe(sig);
    expect(tests.verify(`${id}.${exp}.${forged}`, 's1', 'quote-form', 2000)).toBeNull();
    expect(tests.verify('garbage', 's1', 'quote-form', 2000)).toBeNull();
    const other = new FormTests('another-secret');
    expect(other.verify(`${id}.${exp}.${sig}`, 's1', 'quote-form', 2000)).toBeNull();
  });
});
