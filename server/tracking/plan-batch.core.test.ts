// What a behaviour batch says about a lead in nurture: only a hand raised again (a hand-raise
// event, or the score reaching the hot threshold with this batch) brings it back.
import { describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { DEFAULT_RULES } from '../sites/default-site';
import type { IngestItem } from './tracking-store';
import type { Site } from '../db/store';
import { hotAgainCause, ingestResult, sessionTouch } from './plan-batch.core';

const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 40, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };
const site = { id: 's', workspaceId: 'w', rules: DEFAULT_RULES } as Site;
const nurtured = { ownerId: 'dana', routing: 'owned', stage: 'nurture' };
const item = (events: Array<{ type: IngestItem['events'][number]['type']; name?: string }>): IngestItem => ({
  site,
  visitorId: 'v',
  events: events.map((e) => ({ ...e, at: 0 })),
  context: undefined,
  identifiedPhone: null,
});

describe('hotAgainCause', () => {
  it('names a hand-raise event in the batch, or the hot threshold reached with it', () => {
    expect(hotAgainCause(DEFAULT_RULES, [{ name: 'demo_request' }], 0, HOT)).toBe('hand-raise: demo_request');
    expect(hotAgainCause(DEFAULT_RULES, [{}], 55, { ...HOT, handRaise: false, score: 62 })).toBe('score 62 reached the hot threshold (60)');
  });

  it('is null for a page view of someone hot long ago (the hand-raise stays in their state), or when fit does not pass', () => {
    expect(hotAgainCause(DEFAULT_RULES, [{}], 70, HOT)).toBeNull();
    expect(hotAgainCause(DEFAULT_RULES, [{ name: 'demo_request' }], 0, { ...HOT, hot: false, fit: { status: 'unknown', missing: ['size'] } })).toBeNull();
  });
});

describe('ingestResult for a lead in nurture', () => {
  it('turns it hot on a hand raised again, though its visitor was hot before and a rep still owns it', () => {
    const r = ingestResult(item([{ type: 'custom', name: 'quote_request' }]), { hot: true, invitedAt: null, score: 70 }, nurtured, 'lead', HOT);
    expect(r).toMatchObject({ leadTurnedHot: true, hotCause: 'hand-raise: quote_request' });
  });

  it('leaves it in nurture on a mere page view', () => {
    const r = ingestResult(item([{ type: 'page_view' }]), { hot: true, invitedAt: null, score: 70 }, nurtured, 'lead', HOT);
    expect(r).toMatchObject({ leadTurnedHot: false, hotCause: null });
  });
});

describe('sessionTouch', () => {
  const batch = (context: IngestItem['context']): IngestItem => ({
    site,
    visitorId: 'v-1',
    identifiedPhone: null,
    context,
    events: [
      { type: 'click', name: 'cta', at: 1 },
      { type: 'page_view', url: 'https://a.test/pricing?utm_source=google', at: 2 },
    ],
  });
  const none = { referrer: null, utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null };

  it('starts a session with the first touch for a visitor first seen, with or without context', () => {
    expect(sessionTouch(batch({ referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', campaign: 'brand' } }), true)).toEqual({
      ...none,
      landingUrl: 'https://a.test/pricing?utm_source=google',
      referrer: 'https://www.google.com/',
      utmSource: 'google',
      utmMedium: 'cpc',
      utmCampaign: 'brand',
    });
    expect(sessionTouch(batch(undefined), true)).toEqual({ ...none, landingUrl: 'https://a.test/pricing?utm_source=google' });
  });

  it('starts one for a returning visitor only when the widget marks a new session, with that session’s own touch', () => {
    expect(sessionTouch(batch({ returning: true }), false)).toBeNull();
    expect(sessionTouch(batch({ returning: true, utm: { source: 'first-touch' } }), false)).toBeNull();
    expect(
      sessionTouch(batch({ returning: true, utm: { source: 'first-touch' }, session: { utm: { source: 'newsletter', medium: 'email' } } }), false),
    ).toMatchObject({
      utmSource: 'newsletter',
      utmMedium: 'email',
      referrer: null,
    });
    expect(sessionTouch(batch({ returning: true, session: {} }), false)).toEqual({ ...none, landingUrl: 'https://a.test/pricing?utm_source=google' });
  });
});
