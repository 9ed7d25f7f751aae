// A routing world for the simulation: the real SQLite store (in memory), the real router with a
// fake clock and scheduler, reps that connect, go away, accept, decline, and a server restart.
// Invariants are checked against the committed rows after every step and every timer.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import pino from 'pino';
import type { LeadCard, OfferView, VisitorStatus } from '../../shared/api';
import type { Qualification } from '../../shared/qualify/types';
import type { OfferClosedReason } from '../../shared/live-events';
import { openDatabase, type Db } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import * as schema from '../../server/db/schema';
import type { Site, Store } from '../../server/db/store';
import { OnlineReps } from '../../server/live/online-reps';
import { createRouter, type Notifier, type Router } from '../../server/routing/router';
import { ALWAYS_OPEN, isOpenAt, weeklyHours } from '../../server/routing/hours.core';
import type { Strategy } from '../../server/routing/routing.types';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { FakeClock, FakeScheduler } from './fake-time';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeRules } from '../../server/routing/store-rules';

/** Monday 08:50 UTC: the overflow team opens at 09:00, ten minutes into a run. */
export const START = Date.parse('2026-11-23T08:50:00Z');
export const OVERFLOW_HOURS = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');
export const OWNER_DOMAIN = 'owner.test';

/** Capacities per rep: offers at once, active leads at once. */
export const REPS = [
  { name: 'r0', offerCapacity: 1, leadCapacity: 2 },
  { name: 'r1', offerCapacity: 1, leadCapacity: 5 },
  { name: 'r2', offerCapacity: 2, leadCapacity: 3 },
  { name: 'r3', offerCapacity: 1, leadCapacity: 5 },
  { name: 'r4', offerCapacity: 1, leadCapacity: 1 },
] as const;

export interface SimConfig {
  /** Strategy of the catch-all rule (the other rule always broadcasts). */
  strategy: Strategy;
  missedOffersBeforeAway: number;
  offerTimeoutMs: number;
}

interface Template {
  bytes: Buffer;
  workspaceId: string;
  siteId: string;
  siteKey: string;
  repIds: string[];
  mainTeam: string;
  overflowTeam: string;
  catchAllRule: string;
}

let template: Template | null = null;
/** One connection reused by every run: each run is an outer transaction rolled back at the end. */
let shared: { db: Db; store: Store } | null = null;

/**
 * Seeds once and keeps the bytes: each run opens its own copy in memory (much faster than
 * migrating and seeding a fresh database every time).
 */
async function seededTemplate(): Promise<Template> {
  if (template) return template;
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  const siteKey = 'sim_site';
  const { workspaceId, userIds, siteIds } = await store.createWorkspace(
    {
      workspace: { name: 'Sim' },
      sites: [{ ...DEFAULT_SITE(20_000), name: 'Sim site', siteKey, allowedOrigins: ['http://localhost:*'] }],
      users: REPS.map((r) => ({ email: `${r.name}@sim.test`, name: r.name, role: 'rep' as const, passwordHash: 'x' })),
    },
    START,
  );
  for (const [i, r] of REPS.entries()) await store.updateRep(userIds[i]!, { offerCapacity: r.offerCapacity, leadCapacity: r.leadCapacity });
  // Main team: r0, r1, r2 around the clock (weights 1:2:3). Overflow: r3, r4 on weekday hours.
  const mainTeam = await store.createTeam(
    workspaceId,
    { name: 'Main', hours: ALWAYS_OPEN, members: userIds.slice(0, 3).map((repId, i) => ({ repId, weight: i + 1 })) },
    START,
  );
  const overflowTeam = await store.createTeam(
    workspaceId,
    { name: 'Overflow', hours: OVERFLOW_HOURS, members: userIds.slice(3).map((repId) => ({ repId })) },
    START,
  );
  const siteId = siteIds[0]!;
  await store.createRoutingRule(
    siteId,
    {
      name: 'Mixed projects',
      conditions: [{ field: 'answer', key: 'projects', op: 'in', values: ['both'] }],
      teamId: overflowTeam,
      strategy: 'broadcast',
      overflowTeamId: mainTeam,
      escalateToEveryone: false,
    },
    START,
  );
  const catchAllRule = await store.createRoutingRule(
    siteId,
    {
      name: 'Everyone else',
      conditions: [],
      teamId: mainTeam,
      strategy: 'round_robin',
      overflowTeamId: overflowTeam,
      escalateToEveryone: true,
      ownerWaitMs: 500,
    },
    START,
  );
  await store.setAccountOwner(workspaceId, OWNER_DOMAIN, userIds[1]!);
  template = { bytes: db.$client.serialize(), workspaceId, siteId, siteKey, repIds: userIds, mainTeam, overflowTeam, catchAllRule };
  db.$client.close();
  return template;
}

export interface Pushed {
  offersNew: Array<{ repId: string; offer: OfferView }>;
  offersClosed: Array<{ repId: string; offerId: string; reason: OfferClosedReason }>;
  away: string[];
  visitor: Array<{ leadId: string; status: VisitorStatus }>;
}

const HOT: Qualification = {
  fit: { status: 'passes', missing: [] },
  score: 70,
  handRaise: true,
  mql: true,
  hot: true,
  reasons: [{ source: 'callback', text: 'Asked for a callback', points: 0 }],
  rulesVersion: 1,
};

export class World {
  readonly clock = new FakeClock(START);
  readonly scheduler = new FakeScheduler(this.clock);
  readonly pushed: Pushed = { offersNew: [], offersClosed: [], away: [], visitor: [] };
  readonly errors: string[] = [];
  online = new OnlineReps();
  store!: Store;
  router!: Router;
  site!: Site;
  private socketSeq = 0;
  private readonly sockets = new Map<string, string[]>();
  private readonly eligibleSince = new Map<string, number>();
  private readonly log = pino({ level: 'warn' }, { write: (line: string) => void this.errors.push(line) });

  private constructor(
    readonly db: Db,
    readonly t: Template,
  ) {}

  static async create(config: SimConfig): Promise<World> {
    const t = await seededTemplate();
    if (!shared) {
      const client = new Database(t.bytes);
      client.pragma('foreign_keys = ON');
      const db = drizzle(client, { schema }) as Db;
      shared = { db, store: createSqliteStore(db, storeRules) };
    }
    // The store's own transactions nest inside as savepoints.
    shared.db.$client.exec('BEGIN');
    const world = new World(shared.db, t);
    world.store = shared.store;
    await world.store.updateSiteRouting(t.siteId, { offerTimeoutMs: config.offerTimeoutMs, missedOffersBeforeAway: config.missedOffersBeforeAway });
    await world.store.updateRoutingRule(t.catchAllRule, { strategy: config.strategy });
    world.site = (await world.store.siteByKey(t.siteKey))!;
    world.router = world.newRouter();
    await world.router.start();
    return world;
  }

  get workspaceId(): string {
    return this.t.workspaceId;
  }

  private newRouter(): Router {
    const p = this.pushed;
    const notify: Notifier = {
      offerNew: (repId, offer) => void p.offersNew.push({ repId, offer }),
      offerClosed: (repId, offerId, reason) => void p.offersClosed.push({ repId, offerId, reason }),
      leadUpdated: (_repId: string, _lead: LeadCard) => undefined,
      presenceChanged: (repId, presence) => void (presence === 'away' && p.away.push(repId)),
      visitorStatus: (leadId, status) => void p.visitor.push({ leadId, status }),
    };
    return createRouter({ store: this.store, clock: this.clock.read, online: this.online, notify, log: this.log, scheduler: this.scheduler });
  }

  close() {
    this.router.stop();
    this.db.$client.exec('ROLLBACK');
  }

  // ---- what happens in the world -------------------------------------------------------

  async captureLead(opts: { mixed: boolean; owned: boolean; viaBehaviour: boolean }): Promise<string> {
    const n = this.socketSeq++;
    const result = await this.store.commitCapture(
      planCapture({
        site: this.site,
        name: `Lead ${n}`,
        phoneE164: '+14155552671',
        email: `lead${n}@${opts.owned ? OWNER_DOMAIN : 'else.test'}`,
        answers: { projects: opts.mixed ? 'both' : 'commercial', size: '51-200', role: 'decision' },
        pageUrl: null,
        visitorId: null,
        qualification: opts.viaBehaviour ? { ...HOT, hot: false, handRaise: false } : HOT,
        stage: opts.viaBehaviour ? 'mql' : 'hot',
        idempotency: null,
        now: this.clock.now,
      }),
      null,
    );
    if (result.kind !== 'created') throw new Error('not created');
    if (opts.viaBehaviour) await this.router.leadBecameHot(result.leadId);
    else await this.router.leadCaptured(result.leadId);
    return result.leadId;
  }

  async connect(rep: number) {
    const repId = this.t.repIds[rep]!;
    const socket = `s${this.socketSeq++}`;
    this.sockets.set(repId, [...(this.sockets.get(repId) ?? []), socket]);
    if (this.online.connect(repId, socket)) await this.router.repAvailable(this.workspaceId);
  }

  async disconnect(rep: number) {
    const repId = this.t.repIds[rep]!;
    for (const s of this.sockets.get(repId) ?? []) this.online.disconnect(repId, s);
    this.sockets.delete(repId);
  }

  async setPresence(rep: number, presence: 'available' | 'away') {
    const repId = this.t.repIds[rep]!;
    await this.store.setPresence(repId, presence);
    if (presence === 'available') await this.router.repAvailable(this.workspaceId);
  }

  private openOffers(): Array<{ id: string; rep_id: string; lead_id: string }> {
    return this.q("select id, rep_id, lead_id from offers where status = 'offered' order by offered_at, id");
  }

  async accept(pick: number, otherRep: boolean) {
    const offers = this.openOffers();
    if (!offers.length) return;
    const o = offers[pick % offers.length]!;
    // Sometimes a rep tries an offer that is not theirs: it must be refused.
    const repId = otherRep ? this.t.repIds[(this.t.repIds.indexOf(o.rep_id) + 1) % this.t.repIds.length]! : o.rep_id;
    const r = await this.router.accept(o.id, repId);
    if (otherRep && r.ok) throw new Error('accepted an offer of another rep');
  }

  /** Two reps (or tabs) accept the same lead's offers at the same instant. */
  async acceptRace(pick: number) {
    const offers = this.openOffers();
    if (!offers.length) return;
    const o = offers[pick % offers.length]!;
    const same = offers.filter((x) => x.lead_id === o.lead_id);
    const results = await Promise.all([...same, o].map((x) => this.router.accept(x.id, x.rep_id)));
    if (results.filter((r) => r.ok).length !== 1) throw new Error(`accept race: ${results.filter((r) => r.ok).length} winners`);
  }

  async decline(pick: number) {
    const offers = this.openOffers();
    if (!offers.length) return;
    const o = offers[pick % offers.length]!;
    await this.router.decline(o.id, o.rep_id, 'busy with another call');
  }

  async logOutcome(pick: number, outcome: 'connected' | 'no_answer' | 'voicemail') {
    const rows = this.q<{ id: string; owner_id: string }>("select id, owner_id from leads where routing = 'owned' and outcome is null order by id");
    if (!rows.length) return;
    const lead = rows[pick % rows.length]!;
    const card = await this.store.recordOutcome(lead.id, lead.owner_id, this.workspaceId, { outcome }, this.clock.now);
    if (!card || 'error' in card) throw new Error(`outcome refused: ${card ? card.error : 'no such lead'}`);
    await this.router.outcomeLogged(this.workspaceId);
  }

  async bookSlot(pick: number) {
    const rows = this.q<{ id: string }>(
      "select id from leads where routing = 'waiting' and queue_reason is not null and queue_reason != 'owner_wait' order by id",
    );
    if (!rows.length) return;
    const leadId = rows[pick % rows.length]!.id;
    const slots = (await this.router.slotsFor(leadId))?.slots ?? [];
    if (!slots.length) return;
    const at = slots[pick % slots.length]!.start;
    if (await this.store.scheduleCallback(leadId, at, this.clock.now)) await this.router.scheduled(leadId, at);
  }

  /**
   * The process dies, stays down `downMs`, and starts again on the same database: sockets and
   * timers are gone; start rebuilds timers from the rows and runs what fell due meanwhile at once
   * (as real timers with a past deadline do).
   */
  async restart(downMs: number) {
    this.router.stop();
    this.scheduler.clear();
    this.online = new OnlineReps();
    this.sockets.clear();
    this.clock.now += downMs;
    this.store = createSqliteStore(this.db, storeRules);
    this.router = this.newRouter();
    await this.router.start();
    await this.scheduler.advanceTo(this.clock.now, async () => this.router.idle());
    await this.check();
  }

  async wait(ms: number) {
    await this.scheduler.advanceTo(this.clock.now + ms, () => this.check());
  }

  async settle() {
    await this.router.idle();
    await this.check();
  }

  // ---- invariants ------------------------------------------------------------------------

  private readonly statements = new Map<string, Database.Statement>();
  private q<T>(sqlText: string, ...args: unknown[]): T[] {
    let st = this.statements.get(sqlText);
    if (!st) this.statements.set(sqlText, (st = this.db.$client.prepare(sqlText)));
    return st.all(...args) as T[];
  }

  async check(): Promise<void> {
    await this.router.idle();
    const now = this.clock.now;
    if (this.errors.length) throw new Error(`router logged errors: ${this.errors.join('\n')}`);

    // Never two owners: one accepted offer per lead at most, and it names the owner.
    const twice = this.q<{ lead_id: string }>("select lead_id from offers where status = 'accepted' group by lead_id having count(*) > 1");
    if (twice.length) throw new Error(`two owners for lead ${twice[0]!.lead_id}`);
    const mismatch = this.q(
      "select l.id from leads l join offers o on o.lead_id = l.id and o.status = 'accepted' where l.owner_id is null or l.owner_id != o.rep_id",
    );
    if (mismatch.length) throw new Error('owner does not match the accepted offer');
    const ownedWithOffers = this.q(
      "select l.id from leads l join offers o on o.lead_id = l.id and o.status = 'offered' where l.owner_id is not null or l.routing != 'offered'",
    );
    if (ownedWithOffers.length) throw new Error('an open offer on a lead that is owned or not offered');
    const offeredWithout = this.q(
      "select l.id from leads l where l.routing = 'offered' and not exists (select 1 from offers o where o.lead_id = l.id and o.status = 'offered')",
    );
    if (offeredWithout.length) throw new Error('a lead marked offered without an open offer');

    // No rep over capacity.
    const load = this.q<{ id: string; offer_capacity: number; lead_capacity: number; open: number; active: number }>(
      `select u.id, u.offer_capacity, u.lead_capacity,
         (select count(*) from offers o where o.rep_id = u.id and o.status = 'offered') as open,
         (select count(*) from leads l where l.owner_id = u.id and l.routing = 'owned' and l.outcome is null) as active
       from users u`,
    );
    for (const r of load) {
      if (r.open > r.offer_capacity) throw new Error(`rep ${r.id} holds ${r.open} offers (capacity ${r.offer_capacity})`);
      if (r.active + r.open > r.lead_capacity) throw new Error(`rep ${r.id} has ${r.active} leads + ${r.open} offers (capacity ${r.lead_capacity})`);
    }

    // No lead stuck offered past its timeout + 1 s.
    const stuck = this.q<{ id: string; expires_at: number }>("select id, expires_at from offers where status = 'offered' and expires_at + 1000 < ?", now);
    if (stuck.length) throw new Error(`offer ${stuck[0]!.id} still open ${now - stuck[0]!.expires_at} ms after it expired`);

    // While an eligible rep is available, a waiting hot lead is offered within 1 s.
    const waiting = this.q<{ id: string; answers: string; hot_at: number; scheduled_for: number | null }>(
      "select id, answers, hot_at, scheduled_for from leads where routing = 'waiting' or (routing = 'scheduled' and scheduled_for <= ?)",
      now,
    );
    const seen = new Set<string>();
    for (const lead of waiting) {
      seen.add(lead.id);
      const who = this.eligibleRep(lead.id, JSON.parse(lead.answers).projects === 'both', now);
      if (!who) {
        this.eligibleSince.delete(lead.id);
        continue;
      }
      const since = this.eligibleSince.get(lead.id) ?? Math.max(now, lead.scheduled_for ?? 0);
      this.eligibleSince.set(lead.id, since);
      if (now - since > 1000) throw new Error(`lead ${lead.id} waited ${now - since} ms while ${who} could take it`);
    }
    for (const id of this.eligibleSince.keys()) if (!seen.has(id)) this.eligibleSince.delete(id);

    // Pushes are derived from committed state: every pushed offer exists.
    for (const p of this.pushed.offersNew.splice(0)) {
      const row = this.q<{ rep_id: string }>('select rep_id from offers where id = ?', p.offer.offerId)[0];
      if (!row || row.rep_id !== p.repId) throw new Error('pushed an offer that is not committed');
    }
  }

  /**
   * An independent statement of who could take a lead now (not the core's code): online,
   * available, under both capacities, has not declined it, and either in the rule's team or
   * overflow team during its hours, or anyone when the rule escalates to everyone.
   */
  private eligibleRep(leadId: string, mixed: boolean, now: number): string | null {
    const declined = new Set(this.q<{ rep_id: string }>("select rep_id from offers where lead_id = ? and status = 'declined'", leadId).map((r) => r.rep_id));
    const reps = this.q<{ id: string; name: string; presence: string; offer_capacity: number; lead_capacity: number; open: number; active: number }>(
      `select u.id, u.name, u.presence, u.offer_capacity, u.lead_capacity,
         (select count(*) from offers o where o.rep_id = u.id and o.status = 'offered') as open,
         (select count(*) from leads l where l.owner_id = u.id and l.routing = 'owned' and l.outcome is null) as active
       from users u`,
    );
    const overflowOpen = isOpenAt(OVERFLOW_HOURS, now);
    for (const r of reps) {
      const index = this.t.repIds.indexOf(r.id);
      const free =
        this.online.set.has(r.id) && r.presence === 'available' && r.open < r.offer_capacity && r.active + r.open < r.lead_capacity && !declined.has(r.id);
      if (!free) continue;
      const inMain = index < 3;
      // Mixed projects: overflow team (hours) then main team, no broadcast to everyone.
      // Everything else: main team, overflow team (hours), then everyone online.
      const reachable = mixed ? inMain || overflowOpen : true;
      if (reachable) return r.name;
    }
    return null;
  }
}
