// A visitor asking to talk now in the browser (issue 23), over a real server: the site's
// `browserCalls` setting, saved by an admin through the console's API, decides whether the widget
// is told it may offer it and whether `POST /v1/callbacks` takes `talk: 'browser'`; such a request
// needs no phone (one typed is checked and kept), goes through the one capture and is routed like
// any callback; the rep's offer says it is a browser call, and once accepted the visitor's status
// names the offer their widget answers the call for. A phone callback's status names none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView, SiteConfigResponse, VisitorStatus } from '../../shared/api';
import type { SiteSettings } from '../../shared/console-api';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  rows,
  signIn,
  startTestServer,
  visitorSocket,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
let admin: string;
let siteId: string;
let dana: RepClient;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  // The repeat window and the per-phone cap on, as in production: a missing number must not be a number they count.
  server = await startTestServer({ offerTimeoutMs: 20_000, limits: { duplicateWindowMs: 10 * 60_000, callbacksPerPhonePerDay: 1 } });
  admin = await signIn(server.url, 'admin@demo.sixty');
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  // Dana takes every lead of this file.
  await server.deps.store.updateRep((await server.deps.store.userByEmail('dana@demo.sixty'))!.id, { leadCapacity: 20 });
  dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  closers.push(() => dana.close());
  await connected(dana);
  await dana.emitWithAck('presence:set', 'available');
  // Her tab can take calls (a microphone granted): only such a tab is offered a browser call.
  expect(await dana.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true, data: undefined });
});
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await server?.stop();
});

/** The admin saves the site's settings with browser calls on or off, as the console's Settings page does. */
async function setBrowserCalls(on: boolean): Promise<void> {
  const headers = { 'content-type': 'application/json', cookie: admin };
  const current = (await (await fetch(`${server.url}/v1/sites/${siteId}/settings`, { headers })).json()) as SiteSettings;
  const res = await fetch(`${server.url}/v1/sites/${siteId}/settings`, { method: 'PUT', headers, body: JSON.stringify({ ...current, browserCalls: on }) });
  expect(res.status).toBe(200);
}

async function publicConfig(): Promise<SiteConfigResponse> {
  return (await (
    await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: 'http://localhost:5999' } })
  ).json()) as SiteConfigResponse;
}

/** Posts a request, waits for Dana's offer, accepts it, and returns what the visitor's socket then hears. */
async function acceptedStatus(body: Record<string, unknown>) {
  const offer = nextEvent<OfferView>(dana, 'offer:new');
  const res = await postCallback(server.url, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const view = await offer;
  const visitor = visitorSocket(server.url, res.body.visitorToken);
  closers.push(() => visitor.close());
  await connected(visitor);
  const accepted = new Promise<VisitorStatus>((resolve) => visitor.on('lead:status', (s) => s.state === 'accepted' && resolve(s)));
  const ack = await dana.emitWithAck('offer:accept', { offerId: view.offerId });
  expect(ack.ok).toBe(true);
  return { view, card: ack.ok ? ack.data : null, status: await accepted, leadId: res.body.leadId as string };
}

describe('talk now in the browser', () => {
  it('is off by default: the widget is not told to offer it, and a request to talk in the browser is refused on its talk field', async () => {
    expect((await publicConfig()).browserCalls).toBe(false);
    const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: '', talk: 'browser' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ talk: 'This site does not take calls in the browser' });
    // Without `talk`, a phone is still required.
    const noPhone = await postCallback(server.url, callbackBody(server.siteKey, { phone: '' }));
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields.phone).toBe('Please enter a phone number');
  });

  it('once on, takes a request without a phone, offers it as a browser call, and the accepted status names the offer', async () => {
    await setBrowserCalls(true);
    expect((await publicConfig()).browserCalls).toBe(true);

    const { view, card, status, leadId } = await acceptedStatus(callbackBody(server.siteKey, { phone: '', email: 'nophone@example.com', talk: 'browser' }));
    expect(view.lead).toMatchObject({ talk: 'browser', phone: '' });
    expect(card).toMatchObject({ talk: 'browser' });
    expect(status).toMatchObject({ state: 'accepted', repName: 'Dana Reyes', call: { offerId: view.offerId } });
    const [lead] = await rows<{ talk: string | null }>(server, 'select talk from leads where id = ?', leadId);
    expect(lead!.talk).toBe('browser');
    expect(view.lead.timeline[0]!.text).toMatch(/^Asked for a callback, to talk now in the browser/);
  });

  it('keeps and checks a phone typed with a browser call', async () => {
    const bad = await postCallback(server.url, callbackBody(server.siteKey, { phone: '12', email: 'bad@example.com', talk: 'browser' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['phone']);
    const { view, status } = await acceptedStatus(callbackBody(server.siteKey, { phone: '+1 415 555 0231', email: 'typed@example.com', talk: 'browser' }));
    expect(view.lead).toMatchObject({ talk: 'browser', phone: '+14155550231' });
    expect(status).toMatchObject({ call: { offerId: view.offerId } });
  });

  it('makes a lead per person for phoneless requests (no repeat joined by an empty number), and a phone callback names no call', async () => {
    const first = await acceptedStatus(callbackBody(server.siteKey, { name: 'Ana One', phone: '', email: 'one@example.com', talk: 'browser' }));
    const second = await acceptedStatus(callbackBody(server.siteKey, { name: 'Ben Two', phone: '', email: 'two@example.com', talk: 'browser' }));
    expect(second.leadId).not.toBe(first.leadId);
    expect(second.status).toMatchObject({ call: { offerId: second.view.offerId } });

    const phone = await acceptedStatus(callbackBody(server.siteKey, { phone: '+1 415 555 0232', email: 'phone@example.com' }));
    expect(phone.view.lead.talk).toBeUndefined();
    expect(phone.status.state).toBe('accepted');
    expect('call' in phone.status).toBe(false);
  });

  it('gives the lead the number the visitor then leaves for a call back (the same person by email joins it)', async () => {
    const call = await acceptedStatus(callbackBody(server.siteKey, { name: 'Cy Three', phone: '', email: 'three@example.com', talk: 'browser' }));
    const back = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Cy Three', phone: '+1 415 555 0233', email: 'three@example.com' }));
    expect(back.status).toBe(200);
    expect(back.body.leadId).toBe(call.leadId);
    const [lead] = await rows<{ phone: string }>(server, 'select phone from leads where id = ?', call.leadId);
    expect(lead!.phone).toBe('+14155550233');
    const notes = await rows<{ text: string }>(server, "select text from lead_events where lead_id = ? and kind = 'repeat'", call.leadId);
    expect(notes.map((n) => n.text)).toEqual(['Asked for a callback again (joined this lead)']);
  });
});
