// Ingest: batches stored and scored in real time; bad batches refused whole; bots, GPC and
// identify; the invitation signal; backtest and publish of rules versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { BROWSER_UA, pageView, postEvents } from '../helpers/events';

let server: TestServer;
let siteId: string;
beforeAll(async () => {
  server = await startTestServer();
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
});
afterAll(() => server.stop());

let n = 0;
const visitor = () => `visitor_${Date.now().toString(36)}_${n++}`;

const query = <T>(sql: string, ...params: unknown[]) => rows<T>(server, sql, ...params);
const eventCount = async (v: string) => (await query<{ n: number }>('select count(*) as n from events where visitor_id = ?', v))[0]!.n;

describe('POST /v1/events', () => {
  it('stores a batch and re-scores the visitor at once, keeping first-touch attribution', async () => {
    const v = visitor();
    const res = await postEvents(server.url, {
      siteKey: server.siteKey,
      visitorId: v,
      events: [pageView('/'), pageView('/pricing'), { type: 'custom', name: 'video_play', at: Date.now(), props: { seconds: 30 } }],
      context: { referrer: 'https://news.example/story', utm: { source: 'newsletter', campaign: 'fall' } },
    });
    expect(res).toEqual({ status: 200, body: { accepted: 3 } });
    expect(await eventCount(v)).toBe(3);
    const [row] = await query<{ score: number; fit: string; utm_source: string; referrer: string }>(
      'select score, fit, utm_source, referrer from visitors where visitor_id = ?',
      v,
    );
    // pricing +15, two page views +1 each.
    expect(row).toEqual({ score: 17, fit: 'unknown', utm_source: 'newsletter', referrer: 'https://news.example/story' });
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/pricing')], context: { utm: { source: 'other' } } });
    const [again] = await query<{ score: number; utm_source: string }>('select score, utm_source from visitors where visitor_id = ?', v);
    expect(again).toEqual({ score: 33, utm_source: 'newsletter' });
  });

  it.each([
    ['an unknown event type', { events: [{ type: 'teleport', at: 1 }] }, 'events.0.type'],
    ['a missing time', { events: [{ type: 'page_view', url: '/' }] }, 'events.0.at'],
    ['no events', { events: [] }, 'events'],
    ['too many events', { events: Array.from({ length: 51 }, () => ({ type: 'page_view', url: '/', at: 1 })) }, 'events'],
    ['a bad visitor id', { visitorId: 'x' }, 'visitorId'],
    ['nested properties', { events: [{ type: 'custom', name: 'x', at: 1, props: { deep: { a: 1 } } }] }, 'events.0.props.deep'],
    ['an unknown site key', { siteKey: 'nope' }, 'siteKey'],
  ])('refuses a batch with %s as a whole, naming the field', async (_what, change, field) => {
    const v = visitor();
    const res = await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')], ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty([field]);
    expect(await eventCount(v)).toBe(0);
  });

  it('refuses a foreign origin (403) and an oversized body (413), storing nothing', async () => {
    const v = visitor();
    expect((await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')] }, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    const huge = { siteKey: server.siteKey, visitorId: v, events: Array.from({ length: 40 }, () => pageView(`/${'x'.repeat(1500)}`)) };
    expect((await postEvents(server.url, huge)).status).toBe(413);
    expect(await eventCount(v)).toBe(0);
  });

  it('keeps nothing under Global Privacy Control or Do Not Track', async () => {
    const v = visitor();
    expect((await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')] }, { 'sec-gpc': '1' })).body).toEqual({
      accepted: 0,
    });
    expect((await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')] }, { dnt: '1' })).body).toEqual({ accepted: 0 });
    expect(await eventCount(v)).toBe(0);
  });
});

describe('the bot filter (on by default)', () => {
  it.each([
    ['HeadlessChrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'],
    ['curl', 'curl/8.5.0'],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['no User-Agent', ''],
  ])('drops events from %s', async (_what, ua) => {
    const v = visitor();
    const res = await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')] }, { 'user-agent': ua });
    expect(res.body).toEqual({ accepted: 0 });
    expect(await eventCount(v)).toBe(0);
  });

  it('drops events beyond 20 a second from one visitor', async () => {
    // The per-second window runs on the server's clock: stopped here, so both batches fall in one
    // second however far apart a busy machine handles them.
    const frozenAt = Date.now();
    const stopped = await startTestServer({ clock: () => frozenAt });
    try {
      const v = visitor();
      const batch = () => ({
        siteKey: stopped.siteKey,
        visitorId: v,
        events: Array.from({ length: 15 }, (_, i) => ({ type: 'custom', name: `e${i}`, at: Date.now() })),
      });
      const a = await postEvents(stopped.url, batch());
      const b = await postEvents(stopped.url, batch());
      expect(a.body.accepted + b.body.accepted).toBe(20);
      expect((await rows<{ n: number }>(stopped, 'select count(*) as n from events where visitor_id = ?', v))[0]!.n).toBe(20);
    } finally {
      await stopped.stop();
    }
  });

  it('marks a visitor paging faster than a person can click as a bot, and keeps nothing more from them', async () => {
    const v = visitor();
    const t0 = Date.now();
    const res = await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [0, 100, 200, 300, 400].map((d) => pageView(`/p${d}`, t0 + d)) });
    expect(res.body).toEqual({ accepted: 0 });
    expect(await eventCount(v)).toBe(0);
  });

  it('lets everything through when an admin turns the filter off in the site settings', async () => {
    const cookie = await signIn(server.url, 'admin@demo.sixty');
    const settingsUrl = `${server.url}/v1/sites/${siteId}/settings`;
    const before = await (await fetch(settingsUrl, { headers: { cookie } })).json();
    expect(before).toMatchObject({ consent: 'implied', botFilter: true, maxEventsPerSecond: 20 });
    const put = (body: unknown) => fetch(settingsUrl, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await put({ ...before, maxEventsPerSecond: 0 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('maxEventsPerSecond');
    expect((await put({ ...before, botFilter: false })).status).toBe(200);
    try {
      const v = visitor();
      const res = await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/')] }, { 'user-agent': 'curl/8.5.0' });
      expect(res.body).toEqual({ accepted: 1 });
    } finally {
      expect((await put(before)).status).toBe(200);
    }
    const rep = await signIn(server.url, 'dana@demo.sixty');
    expect((await fetch(settingsUrl, { headers: { cookie: rep } })).status).toBe(403);
  });
});

describe('identify, callbacks and routing from behaviour', () => {
  it('merges the anonymous history into the lead when the visitor asks for a callback', async () => {
    const v = visitor();
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/pricing'), pageView('/pricing/teams')] });
    const res = await postCallback(server.url, callbackBody(server.siteKey, { visitorId: v }));
    expect(res.status).toBe(201);
    const [lead] = await query<{ reasons: string; score: number }>('select reasons, score from leads where id = ?', res.body.leadId);
    expect(JSON.parse(lead!.reasons).map((r: { text: string }) => r.text)).toContain('Viewed the pricing page x2');
    expect((await query<{ lead_id: string }>('select lead_id from visitors where visitor_id = ?', v))[0]!.lead_id).toBe(res.body.leadId);
  });

  it('makes an identified visitor with passing traits a known lead and routes them live when behaviour turns them hot', async () => {
    const cookie = await signIn(server.url, 'sam@demo.sixty');
    const sam = repSocket(server.url, cookie);
    try {
      await connected(sam);
      // Earlier tests leave hot callbacks waiting (nobody was available): Sam takes those first,
      // oldest first, and each accept frees his offer capacity for the next.
      const offers: OfferView[] = [];
      sam.on('offer:new', (o) => {
        offers.push(o);
        void sam.emitWithAck('offer:accept', { offerId: o.offerId });
      });
      await sam.emitWithAck('presence:set', 'available');
      const v = visitor();
      const identify = {
        type: 'identify',
        at: Date.now(),
        props: { name: 'Ida Known', phone: '+1 415 555 0199', email: 'ida@bigco.test', projects: 'commercial', size: '201+', role: 'decision' },
      };
      // Fit passes (30 points from the answers); pricing twice more makes 30 + 15 + 15 + 2 = 62 >= 60.
      const first = await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [identify, pageView('/')] });
      expect(first.body.accepted).toBe(2);
      const [lead] = await query<{ id: string; stage: string; phone: string }>('select id, stage, phone from leads where visitor_id = ?', v);
      expect(lead).toMatchObject({ stage: 'mql', phone: '+14155550199' });
      await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/pricing')] });
      await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [pageView('/pricing')] });
      await expect.poll(() => offers.find((o) => o.leadId === lead!.id)?.leadId, { timeout: 5000 }).toBe(lead!.id);
      const offer = offers.find((o) => o.leadId === lead!.id)!;
      expect(offer.lead.stage).toBe('hot');
      expect(offer.lead.qualification.reasons.map((r) => r.text)).toContain('Viewed the pricing page x2');
    } finally {
      await sam.emitWithAck('presence:set', 'away');
      sam.close();
    }
  });

  it('signals an invitation, once, when an anonymous visitor turns hot and a rep is online', async () => {
    const v = visitor();
    // Spaced like a person reading (the bot filter drops page views faster than anyone clicks).
    const t0 = Date.now();
    const events = (k: number) => ({ siteKey: server.siteKey, visitorId: v, events: [pageView(`/pricing?k=${k}`, t0 + k * 5000)] });
    // Nobody available yet: no invitation even when hot.
    for (let i = 0; i < 4; i++) expect((await postEvents(server.url, events(i))).body.invite).toBeUndefined();
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const dana = repSocket(server.url, cookie);
    try {
      await connected(dana);
      await dana.emitWithAck('presence:set', 'available');
      const hot = await postEvents(server.url, events(5));
      expect(hot.body.invite).toEqual({ repName: 'Dana', reason: 'Viewed the pricing page x5' });
      expect((await postEvents(server.url, events(6))).body.invite).toBeUndefined();
    } finally {
      await dana.emitWithAck('presence:set', 'away');
      dana.close();
    }
  });
});

describe('rules versions', () => {
  async function admin(path: string, init: RequestInit = {}) {
    const cookie = await signIn(server.url, 'admin@demo.sixty');
    const res = await fetch(`${server.url}/v1/sites/${siteId}/rules${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('backtests a draft against history without changing anything, then publishes and rolls back', async () => {
    // A known lead that is an MQL but not hot under the current rules (score 31 < 60).
    const v = visitor();
    const identify = {
      type: 'identify',
      at: Date.now(),
      props: { name: 'Mo Warm', phone: '+1 415 555 0142', projects: 'commercial', size: '201+', role: 'evaluating' },
    };
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: v, events: [identify, pageView('/')] });
    const current = (await admin('')).body.current;
    const leadsBefore = (await query<{ n: number }>('select count(*) as n, sum(case when hot then 1 else 0 end) as h from leads'))[0];
    const draft = { ...current, hotThreshold: 15, mqlThreshold: 10 };
    const result = await admin('/backtest', { method: 'POST', body: JSON.stringify(draft) });
    expect(result.status).toBe(200);
    expect(result.body.draft.hot).toBeGreaterThan(result.body.current.hot);
    expect(result.body.flips).toContainEqual(expect.objectContaining({ kind: 'lead', name: 'Mo Warm', from: 'mql', to: 'hot' }));
    expect((await query<{ n: number }>('select count(*) as n, sum(case when hot then 1 else 0 end) as h from leads'))[0]).toEqual(leadsBefore);

    const bad = await admin('', { method: 'POST', body: JSON.stringify({ ...draft, hotThreshold: 5 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.hotThreshold).toMatch(/at least the MQL/);

    // The site's first rules are listed before any publish, live since the site was made.
    const [{ created_at: siteMadeAt }] = await query<{ created_at: number }>('select created_at from sites where id = ?', siteId);
    const moments = (
      body: { versions: Array<{ version: number; status: string; createdAt: number; publishedAt: number | null; retiredAt: number | null }> },
      version: number,
    ) => body.versions.find((x) => x.version === version);
    expect(moments((await admin('')).body, current.version)).toMatchObject({
      status: 'published',
      createdAt: siteMadeAt,
      publishedAt: siteMadeAt,
      retiredAt: null,
    });

    const savedFrom = Date.now();
    const saved = await admin('', { method: 'POST', body: JSON.stringify(draft) });
    expect(saved.status).toBe(201);
    const publishFrom = Date.now();
    expect((await admin(`/${saved.body.version}/publish`, { method: 'POST' })).status).toBe(200);
    const publishTo = Date.now();
    const after = await admin('');
    expect(after.body.current.hotThreshold).toBe(15);
    expect(after.body.current.version).toBe(saved.body.version);
    // Each version keeps its own times: v1 was made with the site and retired by this publish.
    const v1 = moments(after.body, current.version)!;
    expect(v1).toMatchObject({ status: 'retired', createdAt: siteMadeAt, publishedAt: siteMadeAt });
    expect(v1.retiredAt).toBeGreaterThanOrEqual(publishFrom);
    expect(v1.retiredAt).toBeLessThanOrEqual(publishTo);
    const v2 = moments(after.body, saved.body.version)!;
    expect(v2).toMatchObject({ status: 'published', retiredAt: null });
    expect(v2.createdAt).toBeGreaterThanOrEqual(savedFrom);
    expect(v2.createdAt).toBeLessThanOrEqual(publishFrom);
    expect(v2.publishedAt).toBe(v1.retiredAt);

    // Roll back: publish the version it replaced. v1 is live again from now; v2 keeps when it was saved.
    const rollbackFrom = Date.now();
    expect((await admin(`/${current.version}/publish`, { method: 'POST' })).status).toBe(200);
    const rolled = await admin('');
    expect(rolled.body.current.hotThreshold).toBe(current.hotThreshold);
    const v1Again = moments(rolled.body, current.version)!;
    expect(v1Again).toMatchObject({ status: 'published', createdAt: siteMadeAt, retiredAt: null });
    expect(v1Again.publishedAt).toBeGreaterThanOrEqual(rollbackFrom);
    expect(moments(rolled.body, saved.body.version)).toEqual({ ...v2, status: 'retired', retiredAt: v1Again.publishedAt });
  });

  it('refuses reps, and sites of other workspaces look missing', async () => {
    const rep = await signIn(server.url, 'dana@demo.sixty');
    expect((await fetch(`${server.url}/v1/sites/${siteId}/rules`, { headers: { cookie: rep } })).status).toBe(403);
    expect((await admin('/../../nope/rules')).status).toBe(404);
  });
});
