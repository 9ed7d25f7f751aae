// The PostgreSQL store's lead, configuration and install-wide operations, with two pools on one
// database standing in for two processes: the demo seed, sessions and presence, a secret made
// once, callbacks with idempotent replays (also racing across processes), outcomes and
// follow-ups, routing configuration and cluster leases; and the backend, whose
// exclusive() lets processes starting together seed the demo once.
// Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite (test/helpers/pg-under-test),
// where the two pools take turns: the races there still run, one transaction after another.
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import type { Backend } from '../../server/db/backend';
import type { PgDb } from '../../server/db/pg/open';
import { openPostgresBackend } from '../../server/db/pg/pg-backend';
import { createPgStore } from '../../server/db/pg/pg-store';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { decideRouting } from '../../server/routing/decide-routing.core';
import { waitsInQueue } from '../../server/routing/visitor-status.core';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import { PG } from '../helpers/pg-under-test';
import { planCapture, type CaptureCommand } from '../../server/capture/plan-capture.core';
import { storeRules } from '../../server/routing/store-rules';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe(`PostgreSQL store on ${PG.name}: leads, configuration, sessions, leases`, () => {
  let url: string;
  let dbs: PgDb[] = [];
  /** Two stores on separate pools: two processes of a cluster. */
  let a: Store;
  let b: Store;
  let site: Site;
  let ids: { admin: string; dana: string; sam: string; workspace: string; team: string };

  async function rows<T>(text: string, ...params: unknown[]): Promise<T[]> {
    return (await dbs[0]!.$client.query(text, params)).rows as T[];
  }

  function callback(name: string, idempotency: CaptureCommand['idempotency'] = null): CaptureCommand {
    return {
      site,
      name,
      phoneE164: '+14155552671',
      email: null,
      answers: { projects: 'commercial', size: '51-200', role: 'decision' },
      pageUrl: 'https://acme.test/pricing',
      visitorId: null,
      qualification: HOT,
      stage: 'hot',
      idempotency,
      now: NOW,
    };
  }

  beforeAll(async () => {
    url = await PG.createDatabase();
    dbs = await PG.openPools(url, 2, 4);
    [a, b] = dbs.map((db) => createPgStore(db, storeRules)) as [Store, Store];
    expect(await a.isEmpty()).toBe(true);
    const { siteKey } = await seedDemo(a, NOW, 20_000, TEST_DEMO_PASSWORD);
    site = (await b.siteByKey(siteKey))!;
    const [admin, dana, sam] = await Promise.all(['admin', 'dana', 'sam'].map((n) => b.userByEmail(`${n}@demo.sixty`)));
    const [team] = await b.teams(site.workspaceId);
    ids = { admin: admin!.id, dana: dana!.id, sam: sam!.id, workspace: site.workspaceId, team: team!.id };
  });

  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.$client.end()));
    if (url) await PG.dropDatabase(url);
  });

  describe('the demo workspace and its users', () => {
    it('is seeded with one site, an admin and two reps, and the Sales team with a catch-all rule', async () => {
      expect(await b.isEmpty()).toBe(false);
      expect(site).toMatchObject({ name: 'Acme website', allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'], offerTimeoutMs: 20_000 });
      expect(await b.sitesOfWorkspace(ids.workspace)).toEqual([site]);
      expect((await b.repSettings(ids.workspace)).map((r) => [r.name, r.role])).toEqual([
        ['Alex Admin', 'admin'],
        ['Dana Reyes', 'rep'],
        ['Sam Okafor', 'rep'],
      ]);
      const [team] = await b.teams(ids.workspace);
      expect(team!.name).toBe('Sales');
      expect(team!.members.map((m) => m.name).sort()).toEqual(['Dana Reyes', 'Sam Okafor']);
      expect(await b.routingRules(site.id)).toMatchObject([{ name: 'Everyone else', position: 1, teamId: ids.team, strategy: 'round_robin', conditions: [] }]);
      expect(await b.siteOfLead('no-such-lead')).toBeNull();
    });

    it('finds users by email in any case and by id, with their workspace name', async () => {
      const dana = await b.userByEmail('DANA@demo.sixty');
      expect(dana).toMatchObject({ id: ids.dana, name: 'Dana Reyes', role: 'rep', workspaceName: 'Acme Commercial Kitchens', active: true, presence: 'away' });
      expect(await a.userById(ids.dana)).toEqual(dana);
      expect(await a.userByEmail('nobody@demo.sixty')).toBeNull();
    });

    it('keeps sessions until they expire or are deleted, seen from either process', async () => {
      await a.createSession('hash-1', ids.sam, NOW, 1000);
      expect((await b.userBySession('hash-1', NOW + 999))?.id).toBe(ids.sam);
      expect(await b.userBySession('hash-1', NOW + 1000)).toBeNull();
      await b.deleteSession('hash-1');
      expect(await a.userBySession('hash-1', NOW)).toBeNull();
      await expect(a.createSession('hash-2', 'no-such-user', NOW, 1000)).rejects.toThrow('unknown user');
    });

    it('keeps the reason of an away set by the system, and clears the missed count on coming back', async () => {
      await a.setPresence(ids.sam, 'away', 'Missed 2 offers in a row');
      await rows('update users set missed_in_a_row = 2 where id = $1', ids.sam);
      expect(await b.userById(ids.sam)).toMatchObject({ presence: 'away', awayReason: 'Missed 2 offers in a row' });
      await b.setPresence(ids.sam, 'available');
      expect(await a.userById(ids.sam)).toMatchObject({ presence: 'available', awayReason: null });
      expect(await rows('select missed_in_a_row as n from users where id = $1', ids.sam)).toEqual([{ n: 0 }]);
      await a.setPresence(ids.sam, 'away');
    });

    it('creates an install secret once when processes ask for it together', async () => {
      const values = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).secret('visitor-token')));
      expect(new Set(values).size).toBe(1);
      expect(values[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await a.secret('visitor-token')).toBe(values[0]);
      expect(await rows("select count(*)::int as n from settings where key = 'visitor-token'")).toEqual([{ n: 1 }]);
    });
  });

  describe('callbacks', () => {
    it('records a hot callback waiting for a rep, with its trail and stage', async () => {
      const r = await a.commitCapture(planCapture(callback('Robin')), null);
      expect(r.kind).toBe('created');
      const leadId = r.kind === 'created' ? r.leadId : '';
      expect(await b.leadWorkspace(leadId)).toBe(ids.workspace);
      expect((await b.siteOfLead(leadId))?.id).toBe(site.id);
      const card = await b.leadCard(leadId, ids.workspace);
      expect(card).toMatchObject({
        name: 'Robin',
        stage: 'hot',
        pageUrl: 'https://acme.test/pricing',
        hotAt: NOW,
        slaDueAt: NOW + site.slaMs,
        notes: [],
        pageTrail: [],
      });
      expect(card!.timeline.map((e) => e.text)).toEqual(['Asked for a callback on https://acme.test/pricing', 'Qualified as HOT (score 70, rules v1)']);
      expect(await b.leadCard(leadId, 'another-workspace')).toBeNull();
      expect(await rows('select routing, round_started_at::float8 as at from leads where id = $1', leadId)).toEqual([{ routing: 'waiting', at: NOW }]);
      expect(await rows('select from_stage as "from", to_stage as "to" from stage_changes where lead_id = $1', leadId)).toEqual([
        { from: 'visitor', to: 'hot' },
      ]);
    });

    it("names the reps holding the lead's open offers to its visitor, from the capture's own commit and from either process", async () => {
      await Promise.all([a.setPresence(ids.dana, 'available'), a.setPresence(ids.sam, 'available')]);
      const r = await a.commitCapture(planCapture(callback('Noa')), { decide: (s) => decideRouting(s, NOW), online: new Set([ids.dana]), waitsInQueue });
      if (r.kind !== 'created') throw new Error('not created');
      const danas = { repName: 'Dana Reyes', offeredAt: NOW, expiresAt: NOW + 20_000 };
      expect(r.visitor.openOffers).toEqual([danas]);
      expect((await b.visitorFacts(r.leadId))!.openOffers).toEqual([danas]);
      const [offer] = r.routed!.offers;
      expect(await b.declineOffer(offer!.id, ids.dana, null, NOW + 1000)).toMatchObject({ leadWaiting: true });
      expect((await a.visitorFacts(r.leadId))!.openOffers).toEqual([]);
      const next = await b.routeLead(r.leadId, NOW + 1000, new Set([ids.sam]), (s) => decideRouting(s, NOW + 1000));
      expect((await a.visitorFacts(r.leadId))!.openOffers).toEqual([{ repName: 'Sam Okafor', offeredAt: NOW + 1000, expiresAt: NOW + 21_000 }]);
      // Leave both reps free for the cases after this one.
      await a.declineOffer(next!.offers[0]!.id, ids.sam, null, NOW + 2000);
      await Promise.all([a.setPresence(ids.dana, 'away'), a.setPresence(ids.sam, 'away')]);
    });

    it('shows the tracked visitor on the card: company, first touch and the latest behaviour, oldest first', async () => {
      await rows(
        `insert into visitors (site_id, visitor_id, workspace_id, first_seen_at, last_seen_at, referrer, utm_source, utm_campaign, landing_url, visits, traits, behaviour, rules_version)
         values ($1, 'v-1', $2, $3, $4, 'https://search.test', 'google', 'spring', 'https://acme.test/', 3, '{"company":"Initech"}', '{}', 1)`,
        site.id,
        ids.workspace,
        NOW - 86_400_000,
        NOW,
      );
      const types = ['heartbeat', ...Array.from({ length: 64 }, () => 'page_view')];
      for (const [i, type] of types.entries()) {
        await rows(
          "insert into events (workspace_id, site_id, visitor_id, type, url, client_at, at) values ($1, $2, 'v-1', $3, $4, $5, $5)",
          ids.workspace,
          site.id,
          type,
          `https://acme.test/p${i}`,
          NOW - 1000 + i,
        );
      }
      const r = await a.commitCapture(planCapture({ ...callback('Val'), visitorId: 'v-1', timeZone: 'Europe/Paris' }), null);
      const card = await b.leadCard(r.kind === 'created' ? r.leadId : '', ids.workspace);
      expect(card).toMatchObject({
        company: 'Initech',
        timeZone: 'Europe/Paris',
        visits: 3,
        firstSeenAt: NOW - 86_400_000,
        source: { referrer: 'https://search.test', landingUrl: 'https://acme.test/', utm: { source: 'google', campaign: 'spring' } },
      });
      expect(card!.pageTrail).toHaveLength(60);
      expect(card!.pageTrail![0]).toEqual({ at: NOW - 1000 + 5, type: 'page_view', url: 'https://acme.test/p5', name: null });
      expect(card!.pageTrail!.at(-1)!.url).toBe('https://acme.test/p64');
    });

    it('replays a repeated idempotency key to the same lead and refuses a different body', async () => {
      const first = await a.commitCapture(planCapture(callback('Kim', { key: 'key-1', bodyHash: 'h1' })), null);
      expect(first.kind).toBe('created');
      const again = await b.commitCapture(planCapture(callback('Kim', { key: 'key-1', bodyHash: 'h1' })), null);
      expect(again).toEqual({ kind: 'replay', leadId: first.kind === 'created' ? first.leadId : '' });
      expect(await a.commitCapture(planCapture(callback('Kim', { key: 'key-1', bodyHash: 'h2' })), null)).toEqual({ kind: 'conflict' });
      expect(await rows("select count(*)::int as n from leads where name = 'Kim'")).toEqual([{ n: 1 }]);
    });

    it('makes one lead when two processes receive the same key at the same moment', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).commitCapture(planCapture(callback('Lee', { key: 'key-race', bodyHash: 'h' })), null)),
      );
      const created = results.filter((r) => r.kind === 'created');
      expect(created).toHaveLength(1);
      const leadId = created[0]!.kind === 'created' ? created[0]!.leadId : '';
      expect(results.filter((r) => r.kind === 'replay')).toEqual(Array.from({ length: 9 }, () => ({ kind: 'replay', leadId })));
      expect(await rows("select id from leads where name = 'Lee'")).toEqual([{ id: leadId }]);
    });
  });

  describe('outcomes', () => {
    /** A fresh hot lead offered to Dana alone and accepted by her. */
    async function danasLead(name: string): Promise<string> {
      const r = await a.commitCapture(planCapture(callback(name)), null);
      if (r.kind !== 'created') throw new Error('not created');
      await a.setPresence(ids.dana, 'available');
      const routed = await a.routeLead(r.leadId, NOW, new Set([ids.dana]), (s) => decideRouting(s, NOW));
      expect(routed?.offers.map((o) => o.repId)).toEqual([ids.dana]);
      expect((await b.acceptOffer(routed!.offers[0]!.id, ids.dana, NOW + 1000)).ok).toBe(true);
      await a.setPresence(ids.dana, 'away');
      return r.leadId;
    }

    it('logs the first call attempt once when two processes record it together', async () => {
      const leadId = await danasLead('Ash');
      expect((await b.myLeads(ids.dana)).map((l) => l.id)).toContain(leadId);
      expect(await a.recordCallAttempt(leadId, ids.sam, ids.workspace, NOW + 2000)).toBeNull();
      const cards = await Promise.all([a, b, a, b].map((s, i) => s.recordCallAttempt(leadId, ids.dana, ids.workspace, NOW + 2000 + i)));
      expect(cards.every((c) => c !== null)).toBe(true);
      const card = await b.leadCard(leadId, ids.workspace);
      expect(card!.timeline.filter((e) => e.text === 'First call attempt')).toHaveLength(1);
      expect(card!.firstCallAt).toBeGreaterThanOrEqual(NOW + 2000);
    });

    it('schedules a follow-up on no answer, closes it on contact, and keeps notes and stage', async () => {
      const leadId = await danasLead('Jo');
      expect(await a.recordOutcome(leadId, ids.sam, ids.workspace, { outcome: 'connected' }, NOW)).toEqual({ error: 'not_owner' });
      expect(await a.recordOutcome('no-such-lead', ids.dana, ids.workspace, { outcome: 'connected' }, NOW)).toBeNull();

      await a.recordOutcome(leadId, ids.dana, ids.workspace, { outcome: 'no_answer' }, NOW + 5000);
      const tasks = await b.followUps(ids.dana);
      expect(tasks).toMatchObject([{ leadId, leadName: 'Jo', attempt: 2 }]);
      expect(tasks[0]!.dueAt).toBeGreaterThan(NOW);

      const card = await b.recordOutcome(leadId, ids.dana, ids.workspace, { outcome: 'sql', notes: ' Budget approved ' }, NOW + 9000);
      expect(card).toMatchObject({ stage: 'sql', outcome: 'sql', firstCallAt: NOW + 5000 });
      expect(card && !('error' in card) && card.notes).toEqual([{ at: NOW + 9000, author: 'Dana Reyes', text: 'Budget approved' }]);
      expect(await a.followUps(ids.dana)).toEqual([]);
      expect(await rows('select status from follow_ups where lead_id = $1', leadId)).toEqual([{ status: 'done' }]);
      // A move the lifecycle refuses (suspect needs a reason) changes nothing.
      expect(await a.recordOutcome(leadId, ids.dana, ids.workspace, { outcome: 'suspect' }, NOW + 9500)).toMatchObject({ error: 'reason_required' });
    });
  });

  describe('routing configuration', () => {
    it('adds rules from two processes at once at distinct positions, and reorders them', async () => {
      const added = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? a : b).createRoutingRule(site.id, { name: `Rule ${i}`, conditions: [], teamId: ids.team, strategy: 'broadcast' }, NOW),
        ),
      );
      const rules = await a.routingRules(site.id);
      expect(rules.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(new Set(rules.map((r) => r.id))).toEqual(new Set([...added, rules[0]!.id]));
      expect(rules[1]).toMatchObject({
        strategy: 'broadcast',
        escalateToEveryone: true,
        ownerWaitMs: 15_000,
        requires: { skills: [], languages: [], territory: false },
      });

      await b.updateRoutingRule(added[0]!, { name: 'Renamed', requires: { skills: ['fr'] }, escalateToEveryone: false });
      await b.reorderRoutingRules(site.id, [added[0]!, 'not-a-rule', added[0]!]);
      const reordered = await a.routingRules(site.id);
      expect(reordered[0]).toMatchObject({
        id: added[0],
        name: 'Renamed',
        position: 1,
        escalateToEveryone: false,
        requires: { skills: ['fr'], languages: [], territory: false },
      });
      expect(reordered.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const id of added) await a.deleteRoutingRule(id);
      expect((await b.routingRules(site.id)).map((r) => r.name)).toEqual(['Everyone else']);
    });

    it('keeps the weighted place of members who stay in a team', async () => {
      const teamId = await a.createTeam(ids.workspace, { name: 'Nights', hours: ALWAYS_OPEN, members: [{ repId: ids.dana, weight: 3 }] }, NOW);
      await rows('update team_members set pass = 7.5 where team_id = $1', teamId);
      await rows('update teams set vtime = 2.25 where id = $1', teamId);
      await b.setTeamMembers(teamId, [{ repId: ids.dana, weight: 2 }, { repId: ids.sam }]);
      await a.updateTeam(teamId, { name: 'Late shift' });
      const team = (await b.teams(ids.workspace)).find((t) => t.id === teamId)!;
      expect(team.name).toBe('Late shift');
      expect(team.members.map((m) => [m.name, m.weight]).sort()).toEqual([
        ['Dana Reyes', 2],
        ['Sam Okafor', 1],
      ]);
      expect(await rows('select rep_id as "repId", pass from team_members where team_id = $1 order by pass', teamId)).toEqual([
        { repId: ids.sam, pass: 2.25 },
        { repId: ids.dana, pass: 7.5 },
      ]);
      await expect(a.setTeamMembers('no-such-team', [])).rejects.toThrow('missing');
    });

    it('sets account owners one by one or all at once, normalising domains', async () => {
      await Promise.all([a.setAccountOwner(ids.workspace, '@Acme.com ', ids.dana), b.setAccountOwner(ids.workspace, 'acme.com', ids.sam)]);
      expect(await a.accountOwners(ids.workspace)).toHaveLength(1);
      await a.setAccountOwner(ids.workspace, 'acme.com', ids.sam);
      await a.setAccountOwner(ids.workspace, 'globex.com', ids.dana);
      expect(await b.accountOwners(ids.workspace)).toEqual([
        { domain: 'acme.com', repId: ids.sam },
        { domain: 'globex.com', repId: ids.dana },
      ]);
      await b.setAccountOwner(ids.workspace, 'ACME.com', null);
      expect(await a.accountOwners(ids.workspace)).toEqual([{ domain: 'globex.com', repId: ids.dana }]);
      await Promise.all([a, b].map((s) => s.setAccountOwners(ids.workspace, [{ domain: '@Initech.com', repId: ids.sam }])));
      expect(await a.accountOwners(ids.workspace)).toEqual([{ domain: 'initech.com', repId: ids.sam }]);
      await a.setAccountOwners(ids.workspace, []);
      expect(await b.accountOwners(ids.workspace)).toEqual([]);
    });

    it("updates a rep's routing settings and a site's routing settings", async () => {
      await a.updateRep(ids.sam, { offerCapacity: 0, leadCapacity: 3, territories: ['de', 'fr'], ownHours: null, skills: ['solar'] });
      const sam = (await b.repSettings(ids.workspace)).find((r) => r.id === ids.sam);
      expect(sam).toMatchObject({ offerCapacity: 1, leadCapacity: 3, territories: ['DE', 'FR'], skills: ['solar'], languages: [], ownHours: null });
      await a.updateRep(ids.sam, {});

      await a.updateSiteRouting(site.id, { slaMs: 90_000, followUpCadence: { offsetsBusinessDays: [0, 2] } });
      expect(await a.siteByKey(site.siteKey)).toMatchObject({ slaMs: 90_000, followUpCadence: { offsetsBusinessDays: [0, 2] }, offerTimeoutMs: 20_000 });
      await a.updateSiteRouting(site.id, { slaMs: site.slaMs, followUpCadence: site.followUpCadence });
    });

    it('creates further sites and workspaces', async () => {
      const id = await b.createSite(ids.workspace, { ...site, name: 'Docs', siteKey: 'docs-key' }, NOW);
      expect(await a.siteByKey('docs-key')).toMatchObject({ id, workspaceId: ids.workspace, name: 'Docs', rules: site.rules });
      const w = await a.createWorkspace(
        { workspace: { name: 'Globex' }, sites: [], users: [{ email: 'Hank@Globex.test', name: 'Hank', role: 'admin', passwordHash: 'x' }] },
        NOW,
      );
      expect(w.siteIds).toEqual([]);
      expect(await b.userByEmail('hank@globex.test')).toMatchObject({ id: w.userIds[0], workspaceId: w.workspaceId, workspaceName: 'Globex' });
    });
  });

  describe('leases', () => {
    const TTL = 10_000;

    it('gives a free lease to one holder, renews it for them, and hands it over once expired', async () => {
      expect(await a.takeLease('webhooks', 'p1', TTL, NOW)).toBe(true);
      expect(await b.takeLease('webhooks', 'p2', TTL, NOW + 1)).toBe(false);
      expect(await a.takeLease('webhooks', 'p1', TTL, NOW + 5000)).toBe(true);
      // Renewed until NOW + 15 s: still held at the first term's end.
      expect(await b.takeLease('webhooks', 'p2', TTL, NOW + TTL)).toBe(false);
      expect(await b.takeLease('webhooks', 'p2', TTL, NOW + 5000 + TTL)).toBe(true);
      expect(await a.takeLease('webhooks', 'p1', TTL, NOW + 5000 + TTL + 1)).toBe(false);
      expect(await rows('select holder, expires_at::float8 as "expiresAt" from leases where name = \'webhooks\'')).toEqual([
        { holder: 'p2', expiresAt: NOW + 5000 + 2 * TTL },
      ]);
      // Leases of other names are independent.
      expect(await a.takeLease('retention', 'p1', TTL, NOW)).toBe(true);
    });

    it('has exactly one winner when many holders race for a free lease', async () => {
      const won = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).takeLease('race', `p${i}`, TTL, NOW)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const [row] = await rows<{ holder: string }>("select holder from leases where name = 'race'");
      expect(row!.holder).toBe(`p${won.indexOf(true)}`);
    });
  });
});

// Processes that wait on each other's advisory locks: the cluster suite's server only.
describe.runIf(PG.concurrent)('PostgreSQL backend', () => {
  let url: string;
  let backends: Backend[] = [];

  beforeAll(async () => {
    url = await PG.createDatabase();
    backends = await Promise.all([1, 2, 3].map(() => openPostgresBackend(url, storeRules)));
  });

  afterAll(async () => {
    await Promise.all(backends.map((b) => b.close()));
    if (url) await PG.dropDatabase(url);
  });

  it('seeds the demo once when three processes start together', async () => {
    expect(backends.map((b) => b.kind)).toEqual(['postgres', 'postgres', 'postgres']);
    const seeded = await Promise.all(
      backends.map((b) => b.exclusive('demo-seed', async () => ((await b.store.isEmpty()) ? seedDemo(b.store, NOW, 20_000, TEST_DEMO_PASSWORD) : null))),
    );
    expect(seeded.filter((s) => s !== null)).toHaveLength(1);
    expect(await backends[2]!.store.ping()).toBe(true);
    expect((await backends[1]!.store.userByEmail('dana@demo.sixty'))?.workspaceName).toBe('Acme Commercial Kitchens');
  });

  it('runs work of one name one process at a time, and work of other names alongside', async () => {
    const log: string[] = [];
    const step = (tag: string) => async () => {
      log.push(`${tag}+`);
      await new Promise((r) => setTimeout(r, 50));
      log.push(`${tag}-`);
      return tag;
    };
    expect(await Promise.all(backends.map((b, i) => b.exclusive('job', step(`p${i}`))))).toEqual(['p0', 'p1', 'p2']);
    // Never two inside at once: every entry is followed by its own exit.
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]!.replace('+', '-'));
    log.length = 0;
    // Work of other names: each stays inside until the other has come in (signalled, not timed;
    // 10 s to give up), so if one name's lock blocked the other the log shows a- before b+.
    let aIn!: () => void;
    let bIn!: () => void;
    const inside = { a: new Promise<void>((r) => (aIn = r)), b: new Promise<void>((r) => (bIn = r)) };
    const meet = (tag: 'a' | 'b', enter: () => void, other: Promise<void>) => async () => {
      log.push(`${tag}+`);
      enter();
      await Promise.race([other, new Promise((r) => setTimeout(r, 10_000))]);
      log.push(`${tag}-`);
      return tag;
    };
    await Promise.all([backends[0]!.exclusive('one', meet('a', aIn, inside.b)), backends[1]!.exclusive('two', meet('b', bIn, inside.a))]);
    expect(log.slice(0, 2).sort()).toEqual(['a+', 'b+']);
    await expect(backends[0]!.exclusive('job', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await backends[1]!.exclusive('job', async () => 'free again')).toBe('free again');
  });
});
