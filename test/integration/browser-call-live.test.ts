// Browser calls (issue 23) over a real server and real socket.io clients, on the rep's side: a
// browser-call lead is offered only to a rep whose console tab said it can take calls
// (`calls:capable`), moving on after a timeout or a decline; `call:report` from the call's two
// parties writes the call's record and the lead's trail and first call, anyone else is refused,
// and a malformed report gets field errors.
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadCard, OfferView } from '../../shared/api';
import type { Ack } from '../../shared/live-events';
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
  type VisitorClient,
} from '../helpers/test-server';

const OFFER_MS = 2500;

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer({ offerTimeoutMs: OFFER_MS });
  cleanup.push(() => s.stop());
  return s;
}

async function rep(s: TestServer, email: string, presence: 'available' | 'away'): Promise<RepClient> {
  const socket = repSocket(s.url, await signIn(s.url, email));
  cleanup.push(() => socket.close());
  await connected(socket);
  expect((await socket.emitWithAck('presence:set', presence)).ok).toBe(true);
  return socket;
}

async function visitor(s: TestServer, token: string): Promise<VisitorClient> {
  const socket = visitorSocket(s.url, token);
  cleanup.push(() => socket.close());
  await connected(socket);
  return socket;
}

/** Every `offer:new` a socket hears from now on. */
function offersHeard(socket: RepClient): OfferView[] {
  const got: OfferView[] = [];
  socket.on('offer:new', (o) => void got.push(o));
  return got;
}

async function waitFor(ok: () => boolean | Promise<boolean>, ms = 8000) {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A hand-raise that waits (nobody available), then marked as a browser call: what the visitor's panel will send. */
async function waitingBrowserCall(s: TestServer, phone: string) {
  const res = await postCallback(s.url, callbackBody(s.siteKey, { phone }));
  expect(res.status).toBe(201);
  const leadId = res.body.leadId as string;
  await rows(s, `update leads set talk = 'browser' where id = ? returning id`, leadId);
  return { leadId, token: res.body.visitorToken as string };
}

async function trail(s: TestServer, leadId: string): Promise<string[]> {
  return (await rows<{ text: string }>(s, 'select text from lead_events where lead_id = ? order by at, id', leadId)).map((r) => r.text);
}

/** Sends a raw (possibly malformed) report, as a broken or hostile client would. */
function report(socket: RepClient | VisitorClient, body: unknown): Promise<Ack> {
  return (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck('call:report', body);
}

describe('browser calls, the rep side', () => {
  it('skips a tab that cannot take calls and a rep on their devices, reaches a tab that can, and moves on after a timeout and a decline', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty', 'away');
    const danaOffers = offersHeard(dana);
    const { leadId } = await waitingBrowserCall(s, '+1 415 555 0141');
    // Sam is on his devices (push only): no console tab to take the call in.
    await rows(s, `update users set presence = 'devices' where email = ? returning id`, 'sam@demo.sixty');

    // Dana is available, but her tab has not said it can take calls: the lead keeps waiting.
    expect(await dana.emitWithAck('presence:set', 'available')).toEqual({ ok: true, data: { presence: 'available' } });
    await waitFor(async () => (await trail(s, leadId)).some((t) => t.includes('no console tab that can take a browser call')));
    const skipped = (await trail(s, leadId)).find((t) => t.includes('no console tab'))!;
    expect(skipped).toContain('Dana Reyes');
    expect(skipped).toContain('Sam Okafor');
    expect(danaOffers).toEqual([]);

    // Sam opens the console with a microphone: the lead goes to him, as a browser call.
    const sam = await rep(s, 'sam@demo.sixty', 'available');
    const samOffers = offersHeard(sam);
    expect(await sam.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true });
    await waitFor(() => samOffers.length === 1);
    expect(samOffers[0]!.lead).toMatchObject({ id: leadId, talk: 'browser' });
    expect(danaOffers).toEqual([]);

    // Dana's tab can take calls now; Sam lets the offer time out: it moves on to her.
    expect(await dana.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true });
    await waitFor(() => danaOffers.length === 1, OFFER_MS + 5000);
    expect(danaOffers[0]!.lead.id).toBe(leadId);

    // She declines: Sam only let it time out, so it comes back to him.
    expect(await dana.emitWithAck('offer:decline', { offerId: danaOffers[0]!.offerId, reason: 'on a call' })).toEqual({ ok: true, data: undefined });
    await waitFor(() => samOffers.length === 2);
    expect(samOffers[1]!.lead.id).toBe(leadId);

    // A bad capability message is a field error.
    expect(await (sam as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck('calls:capable', { capable: 'yes' })).toMatchObject({
      ok: false,
      error: 'invalid',
      fields: { capable: expect.any(String) },
    });
  });

  it('records the call from both parties’ reports, refuses anyone else, and gives field errors for a bad report', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty', 'away');
    expect(await dana.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true });
    const { leadId, token } = await waitingBrowserCall(s, '+1 415 555 0142');
    const offer = nextEvent<OfferView>(dana, 'offer:new');
    await dana.emitWithAck('presence:set', 'available');
    const { offerId } = await offer;
    const accepted = await dana.emitWithAck('offer:accept', { offerId });
    if (!accepted.ok) throw new Error(accepted.error);
    // The accept starts the call's record: the card it returns shows it on the trail.
    expect(accepted.data.talk).toBe('browser');
    expect(accepted.data.timeline.at(-1)!.text).toBe('Browser call started: Dana Reyes accepted, connecting in the browser');
    const v = await visitor(s, token);

    // Another rep, another lead's visitor: refused, and nothing is recorded.
    const sam = await rep(s, 'sam@demo.sixty', 'away');
    const other = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 0143' }));
    const stranger = await visitor(s, other.body.visitorToken);
    expect(await report(sam, { offerId, event: 'connected' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await report(stranger, { offerId, event: 'connected' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await report(v, { offerId: 'no-such-offer', event: 'connected' })).toEqual({ ok: false, error: 'not_found' });
    const [before] = await rows<{ connected_at: number | null }>(s, 'select connected_at from browser_calls where offer_id = ?', offerId);
    expect(before!.connected_at).toBeNull();

    // A malformed report: field errors, nothing else.
    expect(await report(v, { offerId, event: 'ended', reason: 'bored', quality: { rttMs: -1, packetLossPct: 0, jitterMs: 0 } })).toMatchObject({
      ok: false,
      error: 'invalid',
      fields: { reason: expect.any(String) },
    });
    expect(await report(v, { offerId, event: 'ended', reason: 'hangup', quality: { rttMs: -1, packetLossPct: 0, jitterMs: 0 } })).toMatchObject({
      ok: false,
      error: 'invalid',
      fields: { 'quality.rttMs': expect.any(String) },
    });

    // Connected: the rep's card follows (first call time, the trail).
    const updated = nextEvent<LeadCard>(dana, 'lead:updated');
    expect(await report(v, { offerId, event: 'connected' })).toEqual({ ok: true });
    const card = await updated;
    expect(card.firstCallAt).not.toBeNull();
    expect(card.timeline.map((e) => e.text)).toContain('First call attempt');
    expect(await report(dana, { offerId, event: 'connected' })).toEqual({ ok: true });

    await new Promise((r) => setTimeout(r, 1100));
    expect(await report(dana, { offerId, event: 'ended', reason: 'hangup', quality: { rttMs: 12.5, packetLossPct: 0, jitterMs: 1.5 } })).toEqual({ ok: true });
    expect(await report(v, { offerId, event: 'ended', reason: 'hangup', quality: { rttMs: 13, packetLossPct: 0.5, jitterMs: 2 } })).toEqual({ ok: true });

    const [call] = await rows<Record<string, number | string | null>>(s, 'select * from browser_calls where offer_id = ?', offerId);
    expect(call).toMatchObject({ lead_id: leadId, ended_by: 'rep', rep_rtt_ms: 12.5, visitor_rtt_ms: 13, visitor_loss_pct: 0.5 });
    expect(Number(call!.duration_ms)).toBeGreaterThanOrEqual(1000);
    expect(Number(call!.duration_ms)).toBe(Number(call!.ended_at) - Number(call!.connected_at));
    const [lead] = await rows<{ first_call_at: number }>(s, 'select first_call_at from leads where id = ?', leadId);
    expect(Number(lead!.first_call_at)).toBe(Number(call!.connected_at));
    const lines = (await trail(s, leadId)).filter((t) => t.startsWith('Browser call'));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^Browser call ended after 1 s: the rep hung up · round trip 13 ms, loss 0\.0%, jitter 2 ms$/);

    // Numbers: hand-raise to voice connected, beside hand-raise to accept (the demo's history has no browser calls).
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const numbers = await (await fetch(`${s.url}/v1/console/reports`, { headers: { cookie: admin } })).json();
    expect(numbers.speed.toVoice).toMatchObject({ leads: 1, reached: 1 });
    const [raised] = await rows<{ at: number }>(s, 'select coalesce(hot_at, captured_at) as at from leads where id = ?', leadId);
    expect(numbers.speed.toVoice.medianMs).toBe(Number(call!.connected_at) - Number(raised!.at));
  });
});
