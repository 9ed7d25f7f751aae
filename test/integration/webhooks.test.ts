// Webhooks: signed deliveries to a local receiver that verifies the signature, retried with
// backoff through failures, at least once with stable ids; Slack-compatible text; replay.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { verify } from '../../server/webhooks/signature';
import { webhookEventSchema, webhookLeadSchema } from '../../shared/schemas/webhook-payload.schema';
import { pageView, postEvents } from '../helpers/events';
import { callbackBody, connected, HOST_ORIGIN, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
let admin: string;
let receiver: Server;
let receiverUrl: string;
/** Answers 500 to the first `failFirst` requests, then 200; records everything. */
const received: Array<{ path: string; body: string; signature: string | undefined; eventId: string | undefined; ok: boolean }> = [];
let failFirst = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      const ok = failFirst-- <= 0;
      received.push({
        path: req.url!,
        body,
        signature: req.headers['sixty-signature'] as string | undefined,
        eventId: req.headers['sixty-event-id'] as string | undefined,
        ok,
      });
      res.writeHead(ok ? 200 : 500).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The receiver is local, which Sixty refuses unless the operator allows it.
  server = await startTestServer({ webhookTickMs: 50, webhookRetryBaseMs: 100, fetchAllow: ['127.0.0.1'] });
  admin = await signIn(server.url, 'admin@demo.sixty');
});
afterAll(async () => {
  await server.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}/v1/console/webhooks${path}`, { ...init, headers: { 'content-type': 'application/json', cookie: admin } });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
}

/** The webhook's `until`: the shared wait, with the 8 s these deliveries (retries included) may take. */
const until = <T>(f: () => T | undefined | false | Promise<T | undefined | false>) => waitFor('a webhook delivery step', f, 8000, 25);

describe('webhooks', () => {
  it('delivers signed events through a receiver that fails twice, at least once with stable ids, and logs every attempt', async () => {
    const hook = await api('', {
      method: 'POST',
      body: JSON.stringify({ url: `${receiverUrl}/signed`, kind: 'signed', topics: ['offer.accepted', 'lead.stage_changed'] }),
    });
    expect(hook.status).toBe(201);
    const secret: string = hook.body.secret;
    failFirst = 2;

    const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(dana);
    const offered = new Promise<OfferView>((r) => dana.on('offer:new', r));
    await dana.emitWithAck('presence:set', 'available');
    const lead = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Webb Hook' }));
    await dana.emitWithAck('offer:accept', { offerId: (await offered).offerId });
    dana.close();

    const accepted = await until(() => received.find((r) => r.ok && JSON.parse(r.body).topic === 'offer.accepted'));
    const event = JSON.parse(accepted.body);
    expect(event.data.lead).toMatchObject({ id: lead.body.leadId, name: 'Webb Hook', phone: '+14155552671' });
    expect(accepted.eventId).toBe(event.id);
    expect(verify(secret, accepted.body, accepted.signature, Date.now())).toBe(true);
    expect(verify('wrong-secret', accepted.body, accepted.signature, Date.now())).toBe(false);
    expect(verify(secret, accepted.body.replace('Webb', 'Evil'), accepted.signature, Date.now())).toBe(false);
    // Two failures before success, for the first event sent.
    expect(received.filter((r) => !r.ok)).toHaveLength(2);
    const stageEvents = await until(() => {
      const s = received.filter((r) => r.ok && JSON.parse(r.body).topic === 'lead.stage_changed' && JSON.parse(r.body).data.lead.id === lead.body.leadId);
      return s.length >= 2 ? s : undefined;
    });
    expect(stageEvents.map((r) => JSON.parse(r.body).data.to)).toEqual(expect.arrayContaining(['hot', 'sal']));
    // Every id the receiver accepted is unique per event (duplicates only as retries of the same id).
    const okIds = received.filter((r) => r.ok).map((r) => r.eventId);
    expect(new Set(okIds).size).toBe(okIds.length);

    // The log counts every attempt: the two failures are extra attempts on delivered rows. The
    // store records a delivery after the receiver's 200 (asynchronously on PostgreSQL), so wait
    // until every event the receiver accepted is logged as delivered.
    const delivered = await until(async () => {
      const log = (await api('')).body.find((w: { id: string }) => w.id === hook.body.id).deliveries as Array<{
        eventId: string;
        status: string;
        attempts: number;
        lastStatus: number;
      }>;
      const done = log.filter((d) => d.status === 'delivered');
      const logged = new Set(done.map((d) => d.eventId));
      return received.every((r) => !r.ok || logged.has(r.eventId!)) ? done : undefined;
    });
    expect(delivered.every((d) => d.lastStatus === 200)).toBe(true);
    expect(delivered.reduce((n, d) => n + d.attempts - 1, 0)).toBe(2);
  });

  it('queues while the receiver is down and delivers when it returns; replay sends again with the same id', async () => {
    await api('', { method: 'POST', body: JSON.stringify({ url: `${receiverUrl}/slack`, kind: 'slack', topics: ['lead.stage_changed'] }) });
    failFirst = 3;
    const before = received.length;
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Sal Slack', answers: { projects: 'residential', size: '1-10', role: 'decision' } }));
    const slack = await until(() => received.slice(before).find((r) => r.ok && r.path === '/slack' && r.body.includes('Sal Slack')));
    expect(JSON.parse(slack.body)).toEqual({ text: expect.stringMatching(/Sal Slack moved to DISQUALIFIED: Residential-only/) });
    expect(received.slice(before).filter((r) => !r.ok).length).toBeGreaterThanOrEqual(3);

    // Logged as delivered after the receiver's 200 (asynchronously on PostgreSQL): wait for it.
    const delivery = await until(async () => {
      const hooks = (await api('')).body as Array<{ kind: string; deliveries: Array<{ id: number; status: string; eventId: string }> }>;
      return hooks.find((h) => h.kind === 'slack')!.deliveries.find((d) => d.status === 'delivered');
    });
    const count = received.length;
    expect((await api(`/deliveries/${delivery.id}/replay`, { method: 'POST' })).status).toBe(200);
    await until(() => received.length > count);
  });

  it('sends the lead whole: must-have answers, score reasons, company, source and UTM, as the documented schema says', async () => {
    await api('', { method: 'POST', body: JSON.stringify({ url: `${receiverUrl}/crm`, kind: 'signed', topics: ['lead.stage_changed'] }) });
    failFirst = 0;
    // A tracked visitor who names their company, then asks for a callback from a Google ad's page.
    const visitorId = `visitor_crm_${Date.now().toString(36)}`;
    const identify = { type: 'identify', at: Date.now(), props: { company: 'Crm Ovens Ltd' } };
    await postEvents(server.url, { siteKey: server.siteKey, visitorId, events: [pageView('/'), pageView('/pricing'), identify] });
    const pageUrl = `${HOST_ORIGIN}/pricing?utm_source=google&utm_medium=cpc&utm_campaign=ovens-spring`;
    const lead = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Cam Crm', visitorId, pageUrl, referrer: 'https://www.google.com/' }));
    const leadId: string = lead.body.leadId;

    const got = await until(() => received.find((r) => r.ok && r.path === '/crm' && JSON.parse(r.body).data.lead?.id === leadId));
    // Every field as the schema says, nothing more (strict objects): what docs/api.md documents.
    const event = webhookEventSchema.parse(JSON.parse(got.body));
    expect(event.topic).toBe('lead.stage_changed');
    const sent = webhookLeadSchema.parse(event.data.lead);
    const [row] = await rows<{ reasons: string; score: number }>(server, 'select reasons, score from leads where id = ?', leadId);
    expect(sent).toMatchObject({
      id: leadId,
      name: 'Cam Crm',
      phone: '+14155552671',
      email: 'pat@example.com',
      company: 'Crm Ovens Ltd',
      fit: 'passes',
      hot: true,
      score: row!.score,
      source: 'google',
      utm: { source: 'google', medium: 'cpc', campaign: 'ovens-spring', term: null, content: null },
      referrer: 'https://www.google.com/',
      pageUrl,
      landingUrl: `${HOST_ORIGIN}/`,
    });
    expect(sent.answers).toEqual([
      { questionId: 'projects', question: 'What kind of projects do you do?', answer: 'Commercial', value: 'commercial' },
      { questionId: 'size', question: 'How many employees?', answer: expect.any(String), value: '51-200' },
      { questionId: 'role', question: expect.any(String), answer: expect.any(String), value: 'decision' },
    ]);
    expect(sent.scoreReasons).toEqual(
      JSON.parse(row!.reasons).map(({ source, text, points }: { source: string; text: string; points: number }) => ({ source, text, points })),
    );
    expect(sent.scoreReasons.length).toBeGreaterThan(0);
  });

  it('refuses bad webhooks field by field, and non-admins', async () => {
    const bad = await api('', { method: 'POST', body: JSON.stringify({ url: 'ftp://x', kind: 'carrier-pigeon', topics: [] }) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['kind', 'topics', 'url']);
    const rep = await signIn(server.url, 'sam@demo.sixty');
    expect((await fetch(`${server.url}/v1/console/webhooks`, { headers: { cookie: rep } })).status).toBe(403);
  });
});
