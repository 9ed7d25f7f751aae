import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channel';
import {
  ATTRIBUTION_BY,
  ATTRIBUTION_MODELS,
  attributionCounts,
  attributionOfCounts,
  attributionReport,
  credits,
  leadTouches,
  weekOf,
  type AttributionLead,
  type StoredTouch,
  type TouchPoint,
} from './attribution.core';
import { stageFacts } from './funnel.core';

const H = 3600 * 1000;
const session = (at: number, url: string, referrer: string | null = null): StoredTouch => ({ kind: 'session', at, landingUrl: url, referrer, utm: {} });
const capture = (at: number, url: string, referrer: string | null = null): StoredTouch => ({ kind: 'capture', at, landingUrl: url, referrer, utm: {} });

const point = fc.record({
  at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  channel: fc.constantFrom(...CHANNELS),
  source: fc.option(fc.constantFrom('google', 'facebook', 'newsletter', 'news.ycombinator.com')),
  campaign: fc.option(fc.constantFrom('spring', 'brand', 'retarget')),
}) satisfies fc.Arbitrary<TouchPoint>;
const stages = fc.subarray(['mql', 'sal', 'sql', 'opportunity', 'won', 'lost', 'nurture'] as const);
const lead = fc.record({
  capturedAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  touches: fc.array(point, { minLength: 1, maxLength: 6 }),
  reached: stages.map((s) => stageFacts(s.map((to, i) => ({ to, at: i, reason: null }))).reached),
  dealValue: fc.option(fc.integer({ min: 0, max: 100_000 })),
}) satisfies fc.Arbitrary<AttributionLead>;
const query = { from: 0, to: 1, currency: 'EUR' };

describe('credits', () => {
  it('splits one lead: linear sums to 1, never negative; first and last agree on a single touch', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ATTRIBUTION_MODELS), fc.integer({ min: 1, max: 50 }), (model, n) => {
        const c = credits(model, n);
        expect(c).toHaveLength(n);
        expect(c.every((x) => x >= 0)).toBe(true);
        expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      }),
    );
    expect(credits('first', 1)).toEqual(credits('last', 1));
    expect(credits('first', 3)).toEqual([1, 0, 0]);
    expect(credits('last', 3)).toEqual([0, 0, 1]);
    expect(credits('linear', 4)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('attributionReport', () => {
  it('credits every lead once in total under every model: group leads and revenue sum to the whole', () => {
    fc.assert(
      fc.property(fc.array(lead, { maxLength: 20 }), fc.constantFrom(...ATTRIBUTION_MODELS), fc.constantFrom(...ATTRIBUTION_BY), (leads, model, by) => {
        const r = attributionReport(leads, { ...query, model, by });
        const sum = (k: 'leads' | 'revenue' | 'won' | 'mql') => r.groups.reduce((s, g) => s + g[k], 0);
        expect(r.leads).toBe(leads.length);
        expect(sum('leads')).toBeCloseTo(leads.length, 6);
        expect(sum('won')).toBeCloseTo(r.won, 6);
        expect(sum('mql')).toBeCloseTo(r.mql, 6);
        expect(sum('revenue')).toBeCloseTo(r.revenue, 4);
        expect(r.groups.every((g) => g.leads >= 0 && g.revenue >= 0 && g.won <= g.opportunities + 1e-9 && g.sql <= g.mql + 1e-9)).toBe(true);
        expect(r.cohorts.reduce((s, c) => s + c.leads, 0)).toBe(leads.length);
      }),
    );
  });

  it('gives first- and last-touch the same table when every lead has one touch', () => {
    fc.assert(
      fc.property(
        fc.array(
          lead.map((l) => ({ ...l, touches: l.touches.slice(0, 1) })),
          { maxLength: 20 },
        ),
        fc.constantFrom(...ATTRIBUTION_BY),
        (leads, by) => {
          const first = attributionReport(leads, { ...query, model: 'first', by });
          expect(attributionReport(leads, { ...query, model: 'last', by }).groups).toEqual(first.groups);
          expect(attributionReport(leads, { ...query, model: 'linear', by }).groups).toEqual(first.groups);
        },
      ),
    );
  });

  it('credits the first, the last or every touch of a lead that came from search and closed from email', () => {
    const leads: AttributionLead[] = [
      {
        capturedAt: 10 * H,
        dealValue: 900,
        reached: stageFacts([
          { to: 'mql', at: 10 * H, reason: null },
          { to: 'opportunity', at: 11 * H, reason: null },
          { to: 'won', at: 12 * H, reason: null },
        ]).reached,
        touches: [
          { at: 0, channel: 'paid_search', source: 'google', campaign: 'brand' },
          { at: H, channel: 'organic_social', source: 'facebook', campaign: null },
          { at: 2 * H, channel: 'email', source: 'newsletter', campaign: 'may' },
        ],
      },
    ];
    const rows = (model: 'first' | 'last' | 'linear') =>
      attributionReport(leads, { ...query, model, by: 'channel' }).groups.map((g) => [g.key, g.leads, g.won, g.revenue, g.opportunities, g.sql]);
    expect(rows('first')).toEqual([['paid_search', 1, 1, 900, 1, 1]]);
    expect(rows('last')).toEqual([['email', 1, 1, 900, 1, 1]]);
    expect(rows('linear').map(([k, leadsCredit, , revenue]) => [k, leadsCredit, revenue])).toEqual([
      ['email', 1 / 3, 300],
      ['organic_social', 1 / 3, 300],
      ['paid_search', 1 / 3, 300],
    ]);
    const campaigns = attributionReport(leads, { ...query, model: 'linear', by: 'campaign' }).groups.map((g) => g.label);
    expect(campaigns).toEqual(['(no campaign)', 'brand', 'may']);
  });

  it('puts each lead in the cohort of its first touch week (Monday, UTC), whatever the model', () => {
    const monday = Date.UTC(2026, 10, 2);
    expect(weekOf(monday)).toBe('2026-11-02');
    expect(weekOf(monday + 6 * 24 * H + 23 * H)).toBe('2026-11-02');
    expect(weekOf(monday - 1)).toBe('2026-10-26');
    expect(weekOf(0)).toBe('1969-12-29');
  });
});

describe('leadTouches', () => {
  it('keeps sessions up to the capture, oldest first, and adds the capture touch only when it names something new', () => {
    const sessions = [session(2 * H, 'https://a.test/?utm_source=newsletter&utm_medium=email'), session(0, 'https://a.test/', 'https://www.google.com/')];
    const later = session(9 * H, 'https://a.test/?utm_source=facebook&utm_medium=cpc');
    const t = leadTouches([...sessions, later, capture(5 * H, 'https://a.test/pricing', 'https://a.test/')], 5 * H, null);
    expect(t.map((x) => x.channel)).toEqual(['organic_search', 'email']);
    const withCampaign = leadTouches([...sessions, capture(5 * H, 'https://a.test/?utm_source=linkedin&utm_medium=paid_social')], 5 * H, null);
    expect(withCampaign.map((x) => x.channel)).toEqual(['organic_search', 'email', 'paid_social']);
  });

  it('falls back to the capture touch, then to the stored first touch, then to direct', () => {
    expect(leadTouches([capture(H, 'https://a.test/', 'https://news.ycombinator.com/')], H, null).map((x) => x.channel)).toEqual(['referral']);
    expect(leadTouches([capture(H, 'https://a.test/', null)], H, null).map((x) => x.channel)).toEqual(['direct']);
    const before: TouchPoint = { at: 0, channel: 'paid_search', source: 'google', campaign: 'x' };
    expect(leadTouches([], H, before)).toEqual([before]);
    expect(leadTouches([], H, null)).toEqual([{ at: H, channel: 'direct', source: null, campaign: null }]);
  });
});

describe('attribution from counts (first and last touch, as a store aggregates them)', () => {
  it('is the report of the leads, whatever order the counted rows come in', () => {
    const withDeals = lead.map((l) => ({ ...l, dealValue: l.dealValue === null ? null : l.dealValue / 7 }));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            lead,
            withDeals,
            lead.map((l) => ({ ...l, touches: [] })),
          ),
          { maxLength: 25 },
        ),
        fc.constantFrom('first' as const, 'last' as const),
        fc.constantFrom(...ATTRIBUTION_BY),
        fc.boolean(),
        (leads, model, by, reversed) => {
          const counts = attributionCounts(leads, model, by);
          if (reversed) counts.rows.reverse();
          expect(attributionOfCounts(counts, { model, by, ...query })).toEqual(attributionReport(leads, { model, by, ...query }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
