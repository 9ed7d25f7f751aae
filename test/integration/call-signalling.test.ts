// Browser-call signalling over a real server and real socket.io clients (issue 23): the visitor
// and the rep who accepted the offer relay offer, answer and candidates to each other through
// Sixty; anyone else, any time outside the accepted call, and any malformed or excessive message
// is refused with an error ack, and the server keeps serving.
import { afterEach, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import type { Ack } from '../../shared/live-events';
import type { CallSignal, IceServersGrant } from '../../shared/schemas/call.schema';
import { turnCredential } from '../../server/calls/ice-servers.core';
import { SIGNALS_PER_SECOND } from '../../server/calls/call-signal.socket';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  signIn,
  startTestServer,
  visitorSocket,
  type RepClient,
  type TestServer,
  type VisitorClient,
} from '../helpers/test-server';

const TURN = { secret: 'loopback-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlS: 300 };
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer({ offerTimeoutMs: 20_000, turn: TURN });
  cleanup.push(() => s.stop());
  return s;
}

async function rep(s: TestServer, email: string, presence: 'available' | 'away' = 'available'): Promise<RepClient> {
  const socket = repSocket(s.url, await signIn(s.url, email));
  cleanup.push(() => socket.close());
  await connected(socket);
  await socket.emitWithAck('presence:set', presence);
  return socket;
}

async function visitor(s: TestServer, token: string): Promise<VisitorClient> {
  const socket = visitorSocket(s.url, token);
  cleanup.push(() => socket.close());
  await connected(socket);
  return socket;
}

/** A callback offered to the only available rep (Dana), with the visitor connected; not yet accepted. */
async function offered(s: TestServer, dana: RepClient, phone: string) {
  const offer = nextEvent<OfferView>(dana, 'offer:new');
  const res = await postCallback(s.url, callbackBody(s.siteKey, { phone }));
  expect(res.status).toBe(201);
  const o = await offer;
  return { offerId: o.offerId, leadId: res.body.leadId as string, visitor: await visitor(s, res.body.visitorToken) };
}

async function accepted(s: TestServer, dana: RepClient, phone: string) {
  const call = await offered(s, dana, phone);
  expect((await dana.emitWithAck('offer:accept', { offerId: call.offerId })).ok).toBe(true);
  return call;
}

/** Sends a raw (possibly malformed) signal, as a hostile or broken client would. */
function send(socket: RepClient | VisitorClient, signal: unknown): Promise<Ack> {
  return (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck('call:signal', signal);
}

/** Resolves with every `call:signal` the socket hears over `ms`. */
function heard(client: RepClient | VisitorClient, ms: number): Promise<CallSignal[]> {
  const socket = client as VisitorClient;
  const got: CallSignal[] = [];
  const on = (m: CallSignal) => got.push(m);
  socket.on('call:signal', on);
  return new Promise((resolve) =>
    setTimeout(() => {
      socket.off('call:signal', on);
      resolve(got);
    }, ms),
  );
}

describe('browser-call signalling', () => {
  it('relays offer, answer and candidates both ways between the visitor and the rep who accepted, and gives both the TURN credentials', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty');
    const { offerId, visitor: v } = await accepted(s, dana, '+1 415 555 0101');

    const atRep = nextEvent<CallSignal>(dana, 'call:signal');
    expect(await send(v, { offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: true });
    expect(await atRep).toEqual({ offerId, kind: 'offer', sdp: SDP });

    const atVisitor = nextEvent<CallSignal>(v, 'call:signal');
    expect(await send(dana, { offerId, kind: 'answer', sdp: SDP })).toEqual({ ok: true });
    expect(await atVisitor).toEqual({ offerId, kind: 'answer', sdp: SDP });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    const repGets = nextEvent<CallSignal>(dana, 'call:signal');
    const visitorGets = nextEvent<CallSignal>(v, 'call:signal');
    expect(await send(v, { offerId, kind: 'candidate', candidate })).toEqual({ ok: true });
    expect(await send(dana, { offerId, kind: 'candidate', candidate: { ...candidate, sdpMid: '1' } })).toEqual({ ok: true });
    expect(await repGets).toEqual({ offerId, kind: 'candidate', candidate });
    expect(await visitorGets).toEqual({ offerId, kind: 'candidate', candidate: { ...candidate, sdpMid: '1' } });

    const hangup = nextEvent<CallSignal>(dana, 'call:signal');
    expect(await send(v, { offerId, kind: 'hangup' })).toEqual({ ok: true });
    expect(await hangup).toEqual({ offerId, kind: 'hangup' });

    for (const side of [v, dana]) {
      const before = Math.floor(Date.now() / 1000);
      const ack = (await (side as VisitorClient).emitWithAck('call:ice-servers', { offerId })) as Ack<IceServersGrant>;
      if (!ack.ok) throw new Error(`no ICE servers: ${ack.error}`);
      const [turn] = ack.data.iceServers;
      expect(turn!.urls).toEqual(TURN.urls);
      const expiry = Number(turn!.username!.split(':')[0]);
      expect(expiry).toBeGreaterThanOrEqual(before + TURN.ttlS);
      expect(expiry).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + TURN.ttlS);
      expect(turn!.credential).toBe(turnCredential(TURN.secret, turn!.username!));
    }
  });

  it('refuses another rep and another visitor, who neither hear the call nor get TURN credentials', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty');
    const { offerId, visitor: v } = await accepted(s, dana, '+1 415 555 0102');
    // A second lead, and its visitor, offered to Dana once she is free again.
    const other = await offered(s, dana, '+1 415 555 0103');
    const sam = await rep(s, 'sam@demo.sixty', 'away');

    const visitorHears = heard(v, 1500);
    const repHears = heard(dana, 1500);
    expect(await send(sam, { offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: false, error: 'forbidden' });
    expect(await send(other.visitor, { offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: false, error: 'forbidden' });
    expect(await sam.emitWithAck('call:ice-servers', { offerId })).toEqual({ ok: false, error: 'forbidden' });
    expect(await other.visitor.emitWithAck('call:ice-servers', { offerId })).toEqual({ ok: false, error: 'forbidden' });
    expect(await send(sam, { offerId: 'no-such-offer', kind: 'hangup' })).toEqual({ ok: false, error: 'not_found' });
    expect(await visitorHears).toEqual([]);
    expect(await repHears).toEqual([]);
  });

  it('refuses signalling before the rep accepts, and after the lead is reassigned or closed', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty');
    const before = await offered(s, dana, '+1 415 555 0104');
    const notYet = { ok: false, error: 'forbidden', message: 'The call starts once a rep accepts' };
    expect(await send(before.visitor, { offerId: before.offerId, kind: 'offer', sdp: SDP })).toEqual(notYet);
    expect(await dana.emitWithAck('call:ice-servers', { offerId: before.offerId })).toEqual(notYet);
    expect((await dana.emitWithAck('offer:accept', { offerId: before.offerId })).ok).toBe(true);
    expect(await send(before.visitor, { offerId: before.offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: true });

    // A manager hands the lead to Sam: Dana's call for it is over, for both sides.
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const sam = (await s.deps.store.repSettings((await s.deps.store.leadWorkspace(before.leadId))!)).find((r) => r.email === 'sam@demo.sixty')!;
    const moved = await fetch(`${s.url}/v1/console/leads/${before.leadId}/reassign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ repId: sam.id }),
    });
    expect(moved.status).toBe(200);
    const ended = { ok: false, error: 'expired', message: 'This call has ended' };
    expect(await send(before.visitor, { offerId: before.offerId, kind: 'offer', sdp: SDP })).toEqual(ended);
    expect(await send(dana, { offerId: before.offerId, kind: 'answer', sdp: SDP })).toEqual(ended);
    expect(await before.visitor.emitWithAck('call:ice-servers', { offerId: before.offerId })).toEqual(ended);

    // One attempt in the cadence: a "no answer" logged by the owner closes the lead (back to nurture).
    const site = (await s.deps.store.siteByKey(s.siteKey))!;
    await s.deps.store.updateSiteRouting(site.id, { followUpCadence: { offsetsBusinessDays: [0] } });
    const call = await accepted(s, dana, '+1 415 555 0105');
    expect(await send(call.visitor, { offerId: call.offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: true });
    const logged = await fetch(`${s.url}/v1/console/leads/${call.leadId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await signIn(s.url, 'dana@demo.sixty') },
      body: JSON.stringify({ outcome: 'no_answer' }),
    });
    expect(logged.status).toBe(200);
    expect(await send(call.visitor, { offerId: call.offerId, kind: 'hangup' })).toEqual(ended);
    expect(await send(dana, { offerId: call.offerId, kind: 'hangup' })).toEqual(ended);
  });

  it(`drops what one socket sends past ${SIGNALS_PER_SECOND} messages a second with a rate_limited ack, and takes messages again the next second`, async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty');
    const { offerId, visitor: v } = await accepted(s, dana, '+1 415 555 0106');
    const burst = await Promise.all(
      Array.from({ length: SIGNALS_PER_SECOND * 3 }, (_, i) =>
        send(v, { offerId, kind: 'candidate', candidate: { candidate: `candidate:${i} 1 udp 1 127.0.0.1 ${40000 + i} typ host` } }),
      ),
    );
    const refused = burst.filter((a) => !a.ok);
    // A burst may straddle a second boundary: at most two seconds' budgets pass.
    expect(burst.filter((a) => a.ok).length).toBeLessThanOrEqual(SIGNALS_PER_SECOND * 2);
    expect(refused.length).toBeGreaterThanOrEqual(SIGNALS_PER_SECOND);
    expect(refused[0]).toEqual({ ok: false, error: 'rate_limited', message: 'Too many call messages: slow down' });
    // The rep's socket has its own budget.
    expect(await send(dana, { offerId, kind: 'answer', sdp: SDP })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await send(v, { offerId, kind: 'hangup' })).toEqual({ ok: true });
  });

  it('answers malformed and oversized messages with field errors, never a crash', async () => {
    const s = await server();
    const dana = await rep(s, 'dana@demo.sixty');
    const { offerId, visitor: v } = await accepted(s, dana, '+1 415 555 0107');
    const bad: Array<[unknown, string]> = [
      [{ offerId, kind: 'offer', sdp: 'x'.repeat(16 * 1024 + 1) }, 'sdp'],
      [{ offerId, kind: 'offer' }, 'sdp'],
      [{ offerId, kind: 'dial', sdp: SDP }, 'kind'],
      [{ offerId, kind: 'candidate', candidate: { candidate: 'c'.repeat(2000) } }, 'candidate.candidate'],
      [{ offerId, kind: 'hangup', extra: 1 }, 'extra'],
      [{ kind: 'hangup' }, 'offerId'],
      ['not an object', '_'],
      [null, '_'],
    ];
    for (const [signal, field] of bad) {
      for (const side of [v, dana]) {
        const ack = await send(side, signal);
        expect(ack).toMatchObject({ ok: false, error: 'invalid' });
        expect(Object.keys((ack as { fields: Record<string, string> }).fields)).toContain(field);
      }
    }
    const ice = (await (v as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck('call:ice-servers', { offerId: 7 })) as Ack;
    expect(ice).toMatchObject({ ok: false, error: 'invalid', fields: { offerId: expect.any(String) } });
    // A signal with no ack callback is ignored, and the server still relays the next one.
    (v as unknown as { emit(e: string, p: unknown): void }).emit('call:signal', { offerId, kind: 'hangup' });
    const atRep = nextEvent<CallSignal>(dana, 'call:signal');
    expect(await send(v, { offerId, kind: 'offer', sdp: SDP })).toEqual({ ok: true });
    expect(await atRep).toEqual({ offerId, kind: 'offer', sdp: SDP });
  });
});

describe('browser-call ICE servers without TURN', () => {
  it('gives the two parties an empty list (direct connections only)', async () => {
    const s = await startTestServer({ offerTimeoutMs: 20_000 });
    cleanup.push(() => s.stop());
    const dana = await rep(s, 'dana@demo.sixty');
    const { offerId, visitor: v } = await accepted(s, dana, '+1 415 555 0108');
    expect(await v.emitWithAck('call:ice-servers', { offerId })).toEqual({ ok: true, data: { iceServers: [], expiresAt: null } });
    expect(await dana.emitWithAck('call:ice-servers', { offerId })).toEqual({ ok: true, data: { iceServers: [], expiresAt: null } });
  });
});
