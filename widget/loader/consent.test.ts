import { describe, expect, it } from 'vitest';
import { browserOptedOut, trackingAllowed } from './consent';

describe('browserOptedOut', () => {
  it('honours Global Privacy Control and Do Not Track', () => {
    expect(browserOptedOut({ globalPrivacyControl: true })).toBe(true);
    expect(browserOptedOut({ doNotTrack: '1' })).toBe(true);
    expect(browserOptedOut({ globalPrivacyControl: false, doNotTrack: '0' })).toBe(false);
    expect(browserOptedOut({ doNotTrack: 'unspecified' })).toBe(false);
    expect(browserOptedOut({})).toBe(false);
  });
});

describe('trackingAllowed', () => {
  it('tracks nothing until the config says how', () => {
    expect(trackingAllowed(undefined, null, false)).toBe(false);
    expect(trackingAllowed(undefined, true, false)).toBe(false);
  });

  it('tracks by default where consent is implied, unless refused', () => {
    expect(trackingAllowed('implied', null, false)).toBe(true);
    expect(trackingAllowed('implied', false, false)).toBe(false);
  });

  it('waits for consent where it is required', () => {
    expect(trackingAllowed('required', null, false)).toBe(false);
    expect(trackingAllowed('required', true, false)).toBe(true);
    expect(trackingAllowed('required', false, false)).toBe(false);
  });

  it('never tracks a browser that opted out, whatever the site or the choice', () => {
    for (const mode of ['implied', 'required'] as const) for (const choice of [null, true, false]) expect(trackingAllowed(mode, choice, true)).toBe(false);
  });
});
