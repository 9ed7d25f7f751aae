// Settings take effect, seen from the side of the person they affect: an admin or manager changes
// a setting through the console's API, then a visitor (the config and the answers the widget
// gets), a rep (offers over the rep socket, presence, follow-ups), a webhook receiver or an
// invitee's mailbox shows the difference. Settings of the environment are set here through their
// config fields (server/config.test.ts ties each variable to its field). One server for the file.
// The table of every setting and its test is docs/settings.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import type { SiteRules } from '../../shared/site-rules';
import { DEFAULT_RULES } from '../../server/sites/default-site';
import { addDays, localTime } from '../../server/routing/hours.core';
import { pageView, postEvents } from '../helpers/events';
import { closedPort, startReceiver, type Receiver } from '../helpers/receiver';
import { linkIn, startInbox, type Inbox } from '../helpers/smtp-inbox';
import {
  callbackBody,
  connected,
  HOST_ORIGIN,
  nextEvent,
  postCallback,
  repSocket,
  rows,
  signIn,
  startTestServer,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const DAY = 24 * 3600 * 1000;
/** The server's clock runs this far ahead of the real one once a test moves time on (retention). */
let shift = 0;
let server: TestServer;
let receiver: Receiver;
let inbox: Inbox;
let admin: string;
let siteId: string;
const ids = { dana: '', sam: '', team: '' };
const sockets: RepClient[] = [];

/** Non-default values of the environment's settings, each checked below by what it changes. */
const ENV = {
  mailFrom: 'Acme Sales Desk <sales-desk@acme.test>',
  publicUrl: 'https://sixty.acme.test',
  maxBodyBytes: 6000,
  eventRetentionDays: 10,
  webhookRetryBaseMs: 45_000,
};

beforeAll(async () => {
  [receiver, inbox] = await Promise.all([startReceiver(), startInbox()]);
  server = await startTestServer({
    ...ENV,
    smtpUrl: inbox.url,
    webhookTickMs: 50,
    fetchAllow: ['127.0.0.1'],
    clock: () => Date.now() + shift,
  });
  admin = await signIn(server.url, 'admin@demo.sixty');
  const site = (await server.deps.store.siteByKey(server.siteKey))!;
  siteId = site.id;
  ids.dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!.id;
  ids.sam = (await server.deps.store.userByEmail('sam@demo.sixty'))!.id;
  ids.team = (await server.deps.store.teams(site.workspaceId))[0]!.id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
  await Promise.all([receiver?.close(), inbox?.close()]);
});

/** A console API call as the admin (or `cookie`), JSON both ways. */
async function call(path: string, method = 'GET', body?: unknown, cookie = admin) {
  const res = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function ok(path: string, method: string, body?: unknown) {
  const res = await call(path, method, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A rep's live connection, available, collecting every offer pushed to them. */
async function online(email: string): Promise<{ socket: RepClient; offers: OfferView[] }> {
  const socket = repSocket(server.url, await signIn(server.url, email));
  sockets.push(socket);
  const offers: OfferView[] = [];
  socket.on('offer:new', (o) => offers.push(o));
  await connected(socket);
  await socket.emitWithAck('presence:set', 'available');
  return { socket, offers };
}

/** Goes offline: its offers come back to the others at once, nothing lingers for the next test. */
function offline(rep: { socket: RepClient }) {
  rep.socket.close();
}

/** Accepts the offer of `leadId` and logs `outcome`, so the rep has room for the next lead. */
async function work(rep: { socket: RepClient; offers: OfferView[] }, leadId: string, cookie: string, outcome = 'connected') {
  const offer = await waitFor(`an offer of ${leadId}`, () => rep.offers.find((o) => o.leadId === leadId));
  const ack = await rep.socket.emitWithAck('offer:accept', { offerId: offer.offerId });
  if (!ack.ok) throw new Error(ack.error);
  return call(`/console/leads/${leadId}/outcome`, 'POST', { outcome }, cookie);
}

/** Closes a lead a test left waiting (Dana takes it and logs a call), so it holds up no later test. */
async function settle(leadId: string) {
  const dana = await online('dana@demo.sixty');
  expect((await work(dana, leadId, await signIn(server.url, 'dana@demo.sixty'))).status).toBe(200);
  offline(dana);
}

const config = async () => (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: HOST_ORIGIN } })).json();

let phone = 200;
/** A fresh number per lead, so no lead joins an earlier one as a repeat. */
const freshPhone = () => `+1 415 555 0${phone++}`;

const siteFields = async () => {
  const site = (await ok('/console/sites', 'GET')).find((s: { id: string }) => s.id === siteId);
  return { name: site.name, allowedOrigins: site.allowedOrigins, phoneRegion: site.phoneRegion, offerTimeoutMs: site.offerTimeoutMs };
};

describe('site and routing settings', () => {
  it('site name, phone region, offer timeout, SLA target and missed offers before away reach the visitor and the rep', async () => {
    const [before, routing] = [await siteFields(), await ok(`/console/sites/${siteId}/routing`, 'GET')];
    await ok(`/console/sites/${siteId}`, 'PUT', { ...before, name: 'Northwind Ovens', phoneRegion: 'GB' });
    await ok(`/console/sites/${siteId}/routing`, 'PUT', { ...routing, offerTimeoutMs: 5000, slaMs: 45_000, missedOffersBeforeAway: 1 });
    try {
      // The visitor's widget: the site's name and the SLA target in the promise it makes.
      expect(await config()).toMatchObject({ siteName: 'Northwind Ovens', phoneRegion: 'GB', promiseSeconds: 45 });

      const dana = await online('dana@demo.sixty');
      const away = nextEvent<{ presence: string; reason?: string }>(dana.socket, 'presence:changed', 15_000);
      // A number typed the British way, without +44: read in the site's phone region.
      const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: '020 7946 0958' }));
      expect(res.status).toBe(201);
      expect(res.body.status).toMatchObject({ state: 'waiting', promiseSeconds: 45 } satisfies Partial<VisitorStatus>);

      // The rep: the offer names the site, carries the number in E.164, runs 5 s, and the SLA clock is 45 s.
      const offer = await waitFor('the offer', () => dana.offers.find((o) => o.leadId === res.body.leadId));
      expect(offer.lead).toMatchObject({ phone: '+442079460958', siteName: 'Northwind Ovens' });
      expect(offer.expiresAt - offer.offeredAt).toBe(5000);
      expect(offer.lead.slaDueAt! - offer.lead.hotAt!).toBe(45_000);
      // One missed offer is enough to be set away here (the default is two).
      expect(await away).toMatchObject({ presence: 'away', reason: expect.stringMatching(/missed 1 offer/) });
      offline(dana);
      await settle(res.body.leadId);
    } finally {
      await ok(`/console/sites/${siteId}`, 'PUT', before);
      await ok(`/console/sites/${siteId}/routing`, 'PUT', routing);
    }
  }, 30_000);

  it('a follow-up cadence of one attempt sends a lead back to nurture after its first no-answer', async () => {
    const routing = await ok(`/console/sites/${siteId}/routing`, 'GET');
    await ok(`/console/sites/${siteId}/routing`, 'PUT', { ...routing, followUpCadence: { offsetsBusinessDays: [0] } });
    try {
      const cookie = await signIn(server.url, 'dana@demo.sixty');
      const dana = await online('dana@demo.sixty');
      const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: freshPhone() }));
      const logged = await work(dana, res.body.leadId, cookie, 'no_answer');
      expect(logged.status).toBe(200);
      // The default cadence would plan attempt 2; this one has no second attempt.
      expect(logged.body.stage).toBe('nurture');
      expect((await call('/console/follow-ups', 'GET', undefined, cookie)).body.some((t: { leadId: string }) => t.leadId === res.body.leadId)).toBe(false);
      offline(dana);
    } finally {
      await ok(`/console/sites/${siteId}/routing`, 'PUT', routing);
    }
  });

  it('a team holiday today closes the team: the visitor is offered callback times on a later day', async () => {
    const [team] = await ok('/console/teams', 'GET');
    const localDate = (at: number) => localTime(at, team.hours.timeZone).date;
    const today = localDate(Date.now() + shift);
    // Nobody is online, so the visitor is offered times when the team is open (around the clock
    // in the demo: from today). Tomorrow is a holiday too, so a test running across midnight still
    // finds the team closed.
    await ok(`/console/teams/${team.id}`, 'PUT', { name: team.name, hours: { ...team.hours, holidays: [...team.hours.holidays, today, addDays(today, 1)] } });
    let leadId: string | null = null;
    try {
      const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: freshPhone() }));
      leadId = res.body.leadId;
      expect(res.body.status.state).toBe('no_rep');
      const days = (res.body.status.slots as string[]).map((s) => localDate(Date.parse(s)));
      expect(days.length).toBeGreaterThan(0);
      expect(days.every((d) => d > addDays(today, 1))).toBe(true);
    } finally {
      await ok(`/console/teams/${team.id}`, 'PUT', { name: team.name, hours: team.hours });
      if (leadId) await settle(leadId);
    }
  });
});

describe('tracking settings', () => {
  it('the events-per-second limit keeps that many of a visitor’s events', async () => {
    const settings = await ok(`/sites/${siteId}/settings`, 'GET');
    await ok(`/sites/${siteId}/settings`, 'PUT', { ...settings, maxEventsPerSecond: 3 });
    try {
      const events = Array.from({ length: 6 }, (_, i) => ({ type: 'custom', name: `step_${i}`, at: Date.now() }));
      // The default (20 a second) would keep all six.
      expect((await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_rate_3', events })).body).toEqual({ accepted: 3 });
      expect(await rows(server, "select count(*) as n from events where visitor_id = 'visitor_rate_3'")).toEqual([{ n: 3 }]);
    } finally {
      await ok(`/sites/${siteId}/settings`, 'PUT', settings);
    }
  });
});

describe('routing settings of reps, rules and account owners', () => {
  it('a rule requiring a skill offers its leads only to the rep given that skill', async () => {
    await ok(`/console/reps/${ids.sam}`, 'PUT', { skills: ['ovens'] });
    const rule = await ok(`/console/sites/${siteId}/routing-rules`, 'POST', {
      name: 'Oven buyers',
      conditions: [{ field: 'answer', key: 'projects', op: 'in', values: ['both'] }],
      teamId: ids.team,
      strategy: 'round_robin',
      requires: { skills: ['ovens'], languages: [], territory: false },
    });
    const samCookie = await signIn(server.url, 'sam@demo.sixty');
    const [dana, sam] = [await online('dana@demo.sixty'), await online('sam@demo.sixty')];
    try {
      // Round robin alone would give one of the two leads to Dana.
      for (const n of [1, 2]) {
        const res = await postCallback(
          server.url,
          callbackBody(server.siteKey, { phone: freshPhone(), answers: { projects: 'both', size: '51-200', role: 'decision' } }),
        );
        const offer = await waitFor(`lead ${n} offered to Sam`, () => sam.offers.find((o) => o.leadId === res.body.leadId));
        expect(offer.lead.timeline.map((t) => t.text)).toContainEqual(expect.stringContaining('Rule "Oven buyers" matched'));
        expect((await work(sam, res.body.leadId, samCookie)).status).toBe(200);
      }
      expect(dana.offers).toEqual([]);
    } finally {
      offline(dana);
      offline(sam);
      await ok(`/console/sites/${siteId}/routing-rules/${rule.id}`, 'DELETE');
      await ok(`/console/reps/${ids.sam}`, 'PUT', { skills: [] });
    }
  });

  it('a rule on the caller’s country requiring a language passes over its team to the overflow team’s rep who speaks it', async () => {
    await ok(`/console/reps/${ids.sam}`, 'PUT', { languages: ['de'] });
    const desk = await ok('/console/teams', 'POST', {
      name: 'DACH desk',
      hours: (await ok('/console/teams', 'GET'))[0].hours,
      members: [{ repId: ids.dana, weight: 1 }],
    });
    const rule = await ok(`/console/sites/${siteId}/routing-rules`, 'POST', {
      name: 'German callers',
      conditions: [{ field: 'country', op: 'in', values: ['DE'] }],
      teamId: desk.id,
      strategy: 'round_robin',
      overflowTeamId: ids.team,
      requires: { skills: [], languages: ['de'], territory: false },
    });
    const samCookie = await signIn(server.url, 'sam@demo.sixty');
    const [dana, sam] = [await online('dana@demo.sixty'), await online('sam@demo.sixty')];
    try {
      // Dana is the DACH desk but speaks no German; the overflow team's round robin alone would
      // give her one of the two.
      for (const n of [1, 2]) {
        const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: `+49 30 9018200${n}` }));
        const offer = await waitFor(`lead ${n} offered to Sam`, () => sam.offers.find((o) => o.leadId === res.body.leadId));
        expect(offer.lead.timeline.map((t) => t.text)).toContainEqual(expect.stringContaining('Rule "German callers" matched'));
        expect((await work(sam, res.body.leadId, samCookie)).status).toBe(200);
      }
      expect(dana.offers).toEqual([]);
    } finally {
      offline(dana);
      offline(sam);
      await ok(`/console/sites/${siteId}/routing-rules/${rule.id}`, 'DELETE');
      await ok(`/console/reps/${ids.sam}`, 'PUT', { languages: [] });
    }
  });

  it('an account owner gets every lead from their domain first under the account-owner strategy', async () => {
    const rules = await ok(`/console/sites/${siteId}/routing-rules`, 'GET');
    const catchAll = rules.find((r: { conditions: unknown[] }) => r.conditions.length === 0);
    const { id, position, unreachable, ...fields } = catchAll;
    await ok(`/console/sites/${siteId}/routing-rules/${id}`, 'PUT', { ...fields, strategy: 'account_owner' });
    await ok('/console/account-owners', 'PUT', { owners: [{ domain: 'bigbuyer.example', repId: ids.sam }] });
    const samCookie = await signIn(server.url, 'sam@demo.sixty');
    const [dana, sam] = [await online('dana@demo.sixty'), await online('sam@demo.sixty')];
    try {
      // Round robin would alternate between the two; the owner takes both.
      for (const n of [1, 2]) {
        const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: freshPhone(), email: `buyer${n}@bigbuyer.example` }));
        expect((await work(sam, res.body.leadId, samCookie)).status).toBe(200);
      }
      expect(dana.offers).toEqual([]);
    } finally {
      offline(dana);
      offline(sam);
      await ok('/console/account-owners', 'PUT', { owners: [] });
      await ok(`/console/sites/${siteId}/routing-rules/${id}`, 'PUT', fields);
    }
  });
});

describe('published rules', () => {
  it('a behaviour rule, the hot threshold and a hand-raise event decide which known visitors reach a rep live', async () => {
    const rules: SiteRules = {
      ...DEFAULT_RULES,
      behaviour: [
        ...DEFAULT_RULES.behaviour,
        { id: 'configurator', label: 'Used the oven configurator', type: 'custom', name: 'configurator_used', points: 25, count: 'once' },
      ],
      hotThreshold: 55,
      handRaiseEvents: ['trial_request'],
    };
    const { version } = await ok(`/sites/${siteId}/rules`, 'POST', rules);
    await ok(`/sites/${siteId}/rules/${version}/publish`, 'POST');
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const dana = await online('dana@demo.sixty');
    try {
      // Answers worth 30 fit points: under the default rules (hot at 60, no configurator rule) this
      // visitor would stay a warm MQL; the configurator's 25 reach the new hot score of 55.
      const known = (name: string, phone: string) => ({
        type: 'identify',
        at: Date.now(),
        props: { name, phone, projects: 'commercial', size: '51-200', role: 'decision' },
      });
      const configured = await postEvents(server.url, {
        siteKey: server.siteKey,
        visitorId: 'visitor_configurator',
        events: [known('Cora Configured', freshPhone()), { type: 'custom', name: 'configurator_used', at: Date.now() }],
      });
      expect(configured.status).toBe(200);
      const hot = await waitFor('Cora offered', () => dana.offers.find((o) => o.lead.name === 'Cora Configured'));
      expect(hot.lead.qualification.reasons.map((r) => r.text)).toContainEqual(expect.stringContaining('Used the oven configurator'));
      expect(hot.lead.qualification.score).toBe(55);
      expect((await work(dana, hot.leadId, cookie)).status).toBe(200);

      // A configured hand-raise makes a passing known lead hot whatever the score.
      await postEvents(server.url, {
        siteKey: server.siteKey,
        visitorId: 'visitor_trial',
        events: [known('Tia Trial', freshPhone()), { type: 'custom', name: 'trial_request', at: Date.now() }],
      });
      const raised = await waitFor('Tia offered', () => dana.offers.find((o) => o.lead.name === 'Tia Trial'));
      expect((await work(dana, raised.leadId, cookie)).status).toBe(200);
    } finally {
      offline(dana);
      // Roll back to the rules the other tests expect.
      const { current, versions } = await ok(`/sites/${siteId}/rules`, 'GET');
      expect(current.version).toBe(version);
      await ok(`/sites/${siteId}/rules/${Math.min(...versions.map((v: { version: number }) => v.version))}/publish`, 'POST');
    }
  });
});

describe('webhooks', () => {
  it('a webhook receives only the topics it subscribed to', async () => {
    const only = await ok('/console/webhooks', 'POST', { url: `${receiver.url}/outcomes-only`, kind: 'signed', topics: ['lead.outcome'] });
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const dana = await online('dana@demo.sixty');
    try {
      // The lead goes through offer.created, offer.accepted and lead.stage_changed before its outcome.
      const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: freshPhone(), name: 'Otto Outcome' }));
      await work(dana, res.body.leadId, cookie, 'connected');
      const got = await waitFor('the outcome delivery', () => receiver.received.find((r) => r.path === '/outcomes-only' && r.body.includes(res.body.leadId)));
      expect(JSON.parse(got.body).topic).toBe('lead.outcome');
      // Events fan out in order, so every event before the outcome has been considered for this
      // webhook by now: none of them made a delivery.
      const hook = (await ok('/console/webhooks', 'GET')).find((w: { id: string }) => w.id === only.id);
      expect(new Set(hook.deliveries.map((d: { topic: string }) => d.topic))).toEqual(new Set(['lead.outcome']));
      expect(new Set(receiver.received.filter((r) => r.path === '/outcomes-only').map((r) => JSON.parse(r.body).topic))).toEqual(new Set(['lead.outcome']));
    } finally {
      offline(dana);
      await ok(`/console/webhooks/${only.id}`, 'DELETE');
    }
  });
});

describe('environment settings', () => {
  it('SIXTY_WEBHOOK_RETRY_MS: a failed delivery is tried again after the configured delay, not the default 2 s', async () => {
    const down = await ok('/console/webhooks', 'POST', { url: `http://127.0.0.1:${await closedPort()}/down`, kind: 'signed', topics: ['*'] });
    try {
      await postCallback(server.url, callbackBody(server.siteKey, { phone: freshPhone() }));
      const failed = await waitFor('a failed first attempt', async () => {
        const hook = (await ok('/console/webhooks', 'GET')).find((w: { id: string }) => w.id === down.id);
        return hook.deliveries.find((d: { attempts: number }) => d.attempts === 1);
      });
      expect(failed).toMatchObject({ status: 'pending', lastError: 'connection failed' });
      // Sent within a tick of being made; the next try is the base delay (plus up to 20% jitter) later.
      const wait = failed.nextAt - failed.createdAt;
      expect(wait).toBeGreaterThanOrEqual(45_000);
      expect(wait).toBeLessThan(45_000 * 1.2 + 5000);
    } finally {
      await ok(`/console/webhooks/${down.id}`, 'DELETE');
    }
  });

  it('SIXTY_MAIL_FROM and SIXTY_PUBLIC_URL: the invitation comes from the configured sender and links to the public URL, as do snippets', async () => {
    const res = await ok('/console/users/invites', 'POST', { email: 'new.rep@acme.test', name: 'Nova Rep', role: 'rep' });
    expect(res).toEqual({ emailed: true });
    const mail = await waitFor('the invitation', () => inbox.messages.find((m) => m.to === 'new.rep@acme.test'));
    expect(mail.body).toMatch(/^From: Acme Sales Desk <sales-desk@acme\.test>/m);
    expect(linkIn(mail.body.replace('https://', 'http://'))).toMatch(/^http:\/\/sixty\.acme\.test\/console\/invite\//);
    const site = (await ok('/console/sites', 'GET')).find((s: { id: string }) => s.id === siteId);
    expect(site.snippet).toBe(`<script async src="https://sixty.acme.test/s/${server.siteKey}.js"></script>`);
  });

  it('SIXTY_MAX_BODY: a body over the configured limit is refused with 413, one under it is taken', async () => {
    // JSON may end in any amount of whitespace: the same callback, padded to a size.
    const padded = (bytes: number) => JSON.stringify(callbackBody(server.siteKey, { phone: freshPhone() })).padEnd(bytes, ' ');
    // 7,000 bytes pass the default limit (16 KB) but not this install's 6,000.
    expect((await postCallback(server.url, null, { raw: padded(7000) })).status).toBe(413);
    expect((await postCallback(server.url, null, { raw: padded(5000) })).status).toBe(201);
  });

  // Last in the file: it moves the server's clock on.
  it('SIXTY_EVENT_RETENTION_DAYS: anonymous behaviour goes after the configured days, not the default 90', async () => {
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_retained', events: [pageView('/blog')] });
    shift = 9 * DAY;
    await server.retention.run();
    expect(await rows(server, "select count(*) as n from events where visitor_id = 'visitor_retained'")).toEqual([{ n: 1 }]);
    shift = 11 * DAY;
    await server.retention.run();
    expect(await rows(server, "select count(*) as n from events where visitor_id = 'visitor_retained'")).toEqual([{ n: 0 }]);
  });
});
