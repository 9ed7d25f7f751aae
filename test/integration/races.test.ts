// Races: two to ten reps accepting the same (broadcast) offer at the same instant, repeated
// many times: exactly one winner every time, every other told it was taken: 99 % of them within a
// second, and none later than 5 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { hashPassword } from '../../server/auth/password';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import { connected, HOST_ORIGIN, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';

const ROUNDS = Number(process.env.SIXTY_RACE_ROUNDS ?? 1000);
const REPS = 10;
let server: TestServer;
let siteKey: string;
const reps: RepClient[] = [];
const inbox = new Map<RepClient, Map<string, OfferView>>();
const closedAt = new Map<string, number[]>();
/** Wakes the test as soon as a socket event it waits for arrives (no polling delay). */
let wake: () => void = () => {};
const nextEvent = () => new Promise<void>((r) => (wake = r));

beforeAll(async () => {
  server = await startTestServer();
  const { store } = server.deps;
  const passwordHash = await hashPassword('race race race');
  siteKey = 'race-site-key-0000001';
  const { workspaceId, userIds, siteIds } = await store.createWorkspace(
    {
      workspace: { name: 'Race Co' },
      sites: [{ ...DEFAULT_SITE(30_000), name: 'Race site', siteKey, allowedOrigins: [HOST_ORIGIN] }],
      users: Array.from({ length: REPS }, (_, i) => ({ email: `rep${i}@race.test`, name: `Racer ${i}`, role: 'rep' as const, passwordHash })),
    },
    Date.now(),
  );
  const team = await store.createTeam(workspaceId, { name: 'Everyone', hours: ALWAYS_OPEN, members: userIds.map((repId) => ({ repId })) }, Date.now());
  await store.createRoutingRule(siteIds[0]!, { name: 'Broadcast', conditions: [], teamId: team, strategy: 'broadcast' }, Date.now());
  // Capacity high enough that winners keep getting offers for the whole run.
  for (const id of userIds) await store.updateRep(id, { offerCapacity: ROUNDS, leadCapacity: ROUNDS * 2 });
  for (let i = 0; i < REPS; i++) {
    const s = repSocket(server.url, await signIn(server.url, `rep${i}@race.test`, 'race race race'));
    inbox.set(s, new Map());
    s.on('offer:new', (o) => {
      inbox.get(s)!.set(o.leadId, o);
      wake();
    });
    s.on('offer:closed', (e) => {
      closedAt.set(e.offerId, [...(closedAt.get(e.offerId) ?? []), Date.now()]);
      wake();
    });
    await connected(s);
    await s.emitWithAck('presence:set', 'available');
    reps.push(s);
  }
}, 60_000);
afterAll(async () => {
  for (const s of reps) s.close();
  await server.stop();
});

async function offersFor(leadId: string): Promise<Array<[RepClient, OfferView]>> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const got = reps.filter((r) => inbox.get(r)!.has(leadId)).map((r) => [r, inbox.get(r)!.get(leadId)!] as [RepClient, OfferView]);
    if (got.length === REPS) return got;
    await Promise.race([nextEvent(), new Promise((r) => setTimeout(r, 50))]);
  }
  throw new Error(`broadcast did not reach all ${REPS} reps`);
}

describe('accept races', () => {
  it(`${ROUNDS} rounds of 2 to 10 reps accepting one broadcast lead at once: exactly one winner each time`, async () => {
    /** How long each loser waited to be told, from the moment the accepts went out. */
    const loserNoticeMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const res = await postCallback(server.url, {
        siteKey,
        name: `Lead ${round}`,
        phone: `+1 415 555 01${String(round % 100).padStart(2, '0')}`,
        answers: { projects: 'commercial', size: '1-10', role: 'decision' },
      });
      expect(res.status).toBe(201);
      const offers = await offersFor(res.body.leadId);
      const racers = offers.slice(0, 2 + (round % (REPS - 1)));
      const t0 = Date.now();
      const acks = await Promise.all(racers.map(([rep, o]) => rep.emitWithAck('offer:accept', { offerId: o.offerId })));
      const winners = acks.filter((a) => a.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error === 'already_taken')).toBe(true);
      // Everyone else with an offer for this lead is told it was taken.
      const losers = offers.filter(([, o]) => o.offerId !== racers[acks.findIndex((a) => a.ok)]![1].offerId);
      // Waits past the 5 s bound below, so a late notice is measured rather than missed.
      const until = Date.now() + 6000;
      while (Date.now() < until && losers.some(([, o]) => !closedAt.has(o.offerId))) await Promise.race([nextEvent(), new Promise((r) => setTimeout(r, 50))]);
      expect(
        losers.filter(([, o]) => !closedAt.has(o.offerId)).map(([, o]) => o.offerId),
        `round ${round}: losers never told`,
      ).toEqual([]);
      for (const [, o] of losers) loserNoticeMs.push(closedAt.get(o.offerId)![0]! - t0);
      for (const r of reps) inbox.get(r)!.delete(res.body.leadId);
    }
    // Timing over all ~9000 notices: the 99th percentile within a second is the promise; the single
    // slowest of thousands only measures the busiest moment of a shared 2-core CI machine (a GC
    // pause, another process), so it gets a loose bound that still catches a stuck notice.
    const sorted = [...loserNoticeMs].sort((a, b) => a - b);
    const p99 = sorted[Math.ceil(sorted.length * 0.99) - 1]!;
    expect(p99, `p99 of ${sorted.length} loser notices`).toBeLessThan(1000);
    expect(sorted.at(-1)!, 'slowest loser notice').toBeLessThan(5000);
  }, 300_000);
});
