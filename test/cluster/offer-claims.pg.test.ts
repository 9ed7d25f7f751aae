// Offer claims across processes: two stores on two connection pools (two Sixty processes) share
// one PostgreSQL database and answer the same offers at the same instant. Accept and expiry must
// each happen exactly once, whichever process gets there first. Runs with SIXTY_TEST_DATABASE_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { openPostgres } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import type { OpenOffer, Site, Store } from '../../server/db/store';
import { decideRouting } from '../../server/routing/decide-routing.core';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase } from '../helpers/databases';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeRules } from '../../server/routing/store-rules';

/** Races per case: enough that an unguarded read-then-write would lose some. */
const ACCEPT_RACES = 200;
const EXPIRY_RACES = 100;
const OFFER_TIMEOUT_MS = 20_000;
/** Hundreds of rounds of a dozen statements each: generous for a loaded CI machine. */
const RACES_TIMEOUT_MS = 180_000;
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe.skipIf(!TEST_DATABASE_URL)('offer claims across two processes on one PostgreSQL', () => {
  let url: string;
  /** "Process" A and "process" B: each its own store and pool. */
  let a: Store;
  let b: Store;
  /** A third connection that only looks at the rows, for assertions. */
  let look: pg.Client;
  let site: Site;
  let reps: [string, string];
  let online: ReadonlySet<string>;
  /** Each round's lead is captured a second after the last, so rounds never share a clock. */
  let now = Date.parse('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    url = await createTestDatabase(TEST_DATABASE_URL!);
    a = createPgStore(await openPostgres(url, { max: 4 }), storeRules);
    b = createPgStore(await openPostgres(url, { max: 4 }), storeRules);
    look = new pg.Client({ connectionString: url });
    await look.connect();
    const { workspaceId, userIds, siteIds } = await a.createWorkspace(
      {
        workspace: { name: 'Race Co' },
        // Never set a rep away for missed offers: every round must find both reps free.
        sites: [{ ...DEFAULT_SITE(OFFER_TIMEOUT_MS), name: 'Race site', siteKey: 'race-claims-0001', allowedOrigins: [], missedOffersBeforeAway: 0 }],
        users: ['one', 'two'].map((n) => ({ email: `${n}@race.test`, name: `Racer ${n}`, role: 'rep' as const, passwordHash: 'x' })),
      },
      now,
    );
    reps = [userIds[0]!, userIds[1]!];
    online = new Set(reps);
    const team = await a.createTeam(workspaceId, { name: 'Everyone', hours: ALWAYS_OPEN, members: reps.map((repId) => ({ repId })) }, now);
    await a.createRoutingRule(siteIds[0]!, { name: 'Broadcast', conditions: [], teamId: team, strategy: 'broadcast' }, now);
    // Winners keep their leads: capacity for the whole run.
    for (const id of reps) {
      await a.updateRep(id, { offerCapacity: 10, leadCapacity: ACCEPT_RACES * 2 });
      await a.setPresence(id, 'available');
    }
    site = (await a.siteByKey('race-claims-0001'))!;
  });

  afterAll(async () => {
    await look?.end();
    await a?.close();
    await b?.close();
    if (url) await dropTestDatabase(url);
  });

  /** A hot lead broadcast to both reps: one open offer each. */
  async function broadcastLead(): Promise<{ leadId: string; offers: OpenOffer[] }> {
    now += 1000;
    const r = await a.commitCapture(
      planCapture({
        site,
        name: 'Pat',
        phoneE164: '+14155552671',
        email: null,
        answers: { projects: 'commercial', size: '51-200', role: 'decision' },
        pageUrl: null,
        visitorId: null,
        qualification: HOT,
        stage: 'hot',
        idempotency: null,
        now,
      }),
      null,
    );
    if (r.kind !== 'created') throw new Error('not created');
    const routed = await a.routeLead(r.leadId, now, online, (s) => decideRouting(s, now));
    expect(routed?.offers.map((o) => o.repId).sort()).toEqual([...reps].sort());
    return { leadId: r.leadId, offers: routed!.offers };
  }

  const rows = async <T extends pg.QueryResultRow>(sql: string, ...params: unknown[]) => (await look.query<T>(sql, params)).rows;

  it(
    `${ACCEPT_RACES} races of both reps accepting one broadcast lead from different processes: exactly one winner`,
    async () => {
      for (let race = 0; race < ACCEPT_RACES; race++) {
        const { leadId, offers } = await broadcastLead();
        // Alternate which process carries which rep, so neither side is always first in line.
        const [first, second] = race % 2 ? [a, b] : [b, a];
        const results = await Promise.all([
          first.acceptOffer(offers[0]!.id, offers[0]!.repId, now + 10),
          second.acceptOffer(offers[1]!.id, offers[1]!.repId, now + 10),
        ]);
        const winners = results.filter((r) => r.ok);
        expect(winners, `race ${race}`).toHaveLength(1);
        expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: 'already_taken' });
        const winner = offers[results.findIndex((r) => r.ok)]!;
        const [lead] = await rows<{ owner_id: string }>('select owner_id from leads where id = $1', leadId);
        expect(lead!.owner_id).toBe(winner.repId);
      }
      // Nothing half-done anywhere: one accepted offer and one accept in the trail per lead.
      const perLead = await rows<{ accepted: number; events: number }>(
        `select (select count(*)::int from offers o where o.lead_id = l.id and o.status = 'accepted') as accepted,
              (select count(*)::int from lead_events e where e.lead_id = l.id and e.kind = 'accepted') as events
         from leads l`,
      );
      expect(perLead).toHaveLength(ACCEPT_RACES);
      expect(perLead.every((l) => l.accepted === 1 && l.events === 1)).toBe(true);
      expect(await rows(`select id from offers where status = 'offered'`)).toEqual([]);
    },
    RACES_TIMEOUT_MS,
  );

  it(
    `${EXPIRY_RACES} races of both processes expiring the same due offer: exactly one expires it`,
    async () => {
      for (let race = 0; race < EXPIRY_RACES; race++) {
        const { offers } = await broadcastLead();
        const due = offers[0]!.expiresAt;
        const results = await Promise.all([a.expireOffer(offers[0]!.id, due), b.expireOffer(offers[0]!.id, due)]);
        expect(
          results.filter((r) => r !== null),
          `race ${race}`,
        ).toHaveLength(1);
        // The other offer of the broadcast is still open, so the lead does not wait yet.
        expect(results.find((r) => r !== null)!.leadWaiting).toBe(false);
        // Close the round: the second offer expires too (claimed once more), freeing both reps.
        const last = await Promise.all([b.expireOffer(offers[1]!.id, due), a.expireOffer(offers[1]!.id, due)]);
        expect(last.filter((r) => r !== null)).toMatchObject([{ leadWaiting: true }]);
      }
      const expiredEvents = await rows<{ n: number }>(`select count(*)::int as n from lead_events where kind = 'expired'`);
      expect(expiredEvents).toEqual([{ n: EXPIRY_RACES * 2 }]);
    },
    RACES_TIMEOUT_MS,
  );

  it(
    'an accept and an expiry of one offer landing together: exactly one of them happens',
    async () => {
      for (let race = 0; race < EXPIRY_RACES; race++) {
        const { offers } = await broadcastLead();
        const offer = offers[0]!;
        // Process clocks differ by a few milliseconds: A still sees the offer open, B sees it due.
        const [accepted, expired] = await Promise.all([a.acceptOffer(offer.id, offer.repId, offer.expiresAt - 1), b.expireOffer(offer.id, offer.expiresAt)]);
        expect(Number(accepted.ok) + Number(expired !== null), `race ${race}`).toBe(1);
        if (!accepted.ok) expect(accepted.error).toBe('expired');
        // Clear what is left open so the next round starts free.
        for (const o of offers) await a.expireOffer(o.id, o.expiresAt);
      }
    },
    RACES_TIMEOUT_MS,
  );

  it('two processes routing the waiting leads of one workspace at once: one pass offers, capacity holds', async () => {
    // The expiry races above left their leads waiting; a rep takes at most 10 open offers.
    const waiting = await a.waitingLeads(site.workspaceId, now);
    expect(waiting.length).toBeGreaterThan(10);
    const [fromA, fromB] = await Promise.all([
      a.routeWaiting(site.workspaceId, now, online, (s) => decideRouting(s, now)),
      b.routeWaiting(site.workspaceId, now, online, (s) => decideRouting(s, now)),
    ]);
    const offeredBy = (results: typeof fromA) => results.filter((r) => r.offers.length > 0).map((r) => r.leadId);
    // Serialized by the workspace lock: the second pass finds the reps full and offers nothing twice.
    expect(offeredBy(fromA).filter((id) => offeredBy(fromB).includes(id))).toEqual([]);
    const load = await rows<{ rep_id: string; n: number }>(
      `select rep_id, count(*)::int as n from offers where status = 'offered' group by rep_id order by rep_id`,
    );
    expect(load).toEqual([...reps].sort().map((rep_id) => ({ rep_id, n: 10 })));
    expect(offeredBy(fromA).length + offeredBy(fromB).length).toBe(10);
  });
});
