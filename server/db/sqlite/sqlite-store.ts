import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { LeadCard, MyLeadRow, OfferView, Stage, VisitorStatus } from '../../../shared/api';
import type { OutcomeInput } from '../../../shared/schemas/console.schema';
import { checkTransition } from '../../../shared/lifecycle';
import { SKIP_TEXT, type RepCandidate, type RoutingDecision } from '../../routing/routing.core';
import * as t from '../schema';
import type { AcceptResult, CallbackCommand, CallbackResult, NewWorkspace, OpenOffer, Site, Store, User } from '../store';
import type { Db } from './open';
import { toLeadCard, toSite, toUser } from './rows';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Stage each logged outcome moves the lead to; null = it stays where it is. */
const OUTCOME_STAGE: Record<OutcomeInput['outcome'], Stage | null> = {
  connected: null,
  no_answer: null,
  sql: 'sql',
  nurture: 'nurture',
  disqualified: 'disqualified',
};

const OUTCOME_TEXT: Record<OutcomeInput['outcome'], string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  sql: 'Sales qualified (SQL)',
  nurture: 'Back to nurture',
  disqualified: 'Disqualified',
};

export function createSqliteStore(db: Db): Store {
  const siteCache = new Map<string, Site>();

  function site(tx: Tx | Db, siteId: string): Site {
    const cached = siteCache.get(siteId);
    if (cached) return cached;
    const row = tx.select().from(t.sites).where(eq(t.sites.id, siteId)).get();
    if (!row) throw new Error(`site ${siteId} missing`);
    const s = toSite(row);
    siteCache.set(siteId, s);
    return s;
  }

  function event(tx: Tx, workspaceId: string, leadId: string, kind: string, text: string, at: number) {
    tx.insert(t.leadEvents).values({ workspaceId, leadId, kind, text, at }).run();
  }

  function moveStage(tx: Tx, lead: { id: string; workspaceId: string; stage: string }, to: Stage, actor: string, reason: string | null, at: number) {
    if (lead.stage === to) return;
    tx.update(t.leads).set({ stage: to }).where(eq(t.leads.id, lead.id)).run();
    tx.insert(t.stageChanges)
      .values({ workspaceId: lead.workspaceId, leadId: lead.id, fromStage: lead.stage, toStage: to, actor, reason, at })
      .run();
  }

  /** Everything routing needs to know about each rep of the workspace, read in the transaction. */
  function candidates(tx: Tx, workspaceId: string, leadId: string, online: ReadonlySet<string>): RepCandidate[] {
    const reps = tx
      .select()
      .from(t.users)
      .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.active, true), inArray(t.users.role, ['rep', 'manager', 'admin'])))
      .all();
    const openByRep = countBy(
      tx.select({ repId: t.offers.repId, n: count() }).from(t.offers)
        .where(and(eq(t.offers.workspaceId, workspaceId), eq(t.offers.status, 'offered')))
        .groupBy(t.offers.repId).all(),
    );
    const activeByRep = countBy(
      tx.select({ repId: t.leads.ownerId, n: count() }).from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.routing, 'owned'), isNull(t.leads.outcome)))
        .groupBy(t.leads.ownerId).all(),
    );
    const tried = new Set(
      tx.select({ repId: t.offers.repId }).from(t.offers).where(eq(t.offers.leadId, leadId)).all().map((r) => r.repId),
    );
    return reps.map((r) => ({
      repId: r.id,
      name: r.name,
      online: online.has(r.id),
      presence: r.presence,
      openOffers: openByRep.get(r.id) ?? 0,
      activeLeads: activeByRep.get(r.id) ?? 0,
      lastOfferedAt: r.lastOfferedAt,
      alreadyTried: tried.has(r.id),
      joinedAt: r.createdAt,
    }));
  }

  /** Creates the offer the routing decision names, with the routing trail, inside `tx`. */
  function makeOffer(
    tx: Tx,
    lead: { id: string; workspaceId: string; siteId: string },
    decision: RoutingDecision,
    now: number,
  ): OpenOffer | null {
    for (const s of decision.skipped) {
      if (s.reason !== 'offline') event(tx, lead.workspaceId, lead.id, 'routing', `Skipped ${s.name}: ${SKIP_TEXT[s.reason]}`, now);
    }
    if (!decision.repId) return null;
    const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, decision.repId)).get();
    const offer: OpenOffer = {
      id: randomUUID(),
      leadId: lead.id,
      repId: decision.repId,
      workspaceId: lead.workspaceId,
      expiresAt: now + site(tx, lead.siteId).offerTimeoutMs,
    };
    tx.insert(t.offers).values({ ...offer, status: 'offered', offeredAt: now }).run();
    tx.update(t.users).set({ lastOfferedAt: now }).where(eq(t.users.id, decision.repId)).run();
    tx.update(t.leads)
      .set({ routing: 'offered', firstOfferedAt: sql`coalesce(${t.leads.firstOfferedAt}, ${now})` })
      .where(eq(t.leads.id, lead.id))
      .run();
    event(tx, lead.workspaceId, lead.id, 'offered', `Offered to ${rep?.name ?? 'a rep'}`, now);
    return offer;
  }

  function card(tx: Tx | Db, leadId: string, workspaceId: string): LeadCard | null {
    const lead = tx.select().from(t.leads).where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId))).get();
    if (!lead) return null;
    const events = tx
      .select({ at: t.leadEvents.at, kind: t.leadEvents.kind, text: t.leadEvents.text })
      .from(t.leadEvents)
      .where(eq(t.leadEvents.leadId, leadId))
      .orderBy(asc(t.leadEvents.at), asc(t.leadEvents.id))
      .all();
    const owner = lead.ownerId ? tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, lead.ownerId)).get() : undefined;
    return toLeadCard(lead, site(tx, lead.siteId), events, owner?.name ?? null);
  }

  function offerViewOf(tx: Tx | Db, offerId: string): OfferView | null {
    const o = tx.select().from(t.offers).where(eq(t.offers.id, offerId)).get();
    if (!o) return null;
    const lead = card(tx, o.leadId, o.workspaceId);
    if (!lead) return null;
    return { offerId: o.id, leadId: o.leadId, offeredAt: o.offeredAt, expiresAt: o.expiresAt, lead };
  }

  const store: Store = {
    async ping() {
      return db.$client.prepare('select 1 as ok').get() !== undefined;
    },

    async isEmpty() {
      return db.select({ id: t.workspaces.id }).from(t.workspaces).limit(1).get() === undefined;
    },

    async secret(name) {
      return db.transaction((tx) => {
        const row = tx.select().from(t.settings).where(eq(t.settings.key, name)).get();
        if (row) return row.value;
        const value = randomBytes(32).toString('base64url');
        tx.insert(t.settings).values({ key: name, value }).run();
        return value;
      });
    },

    async createWorkspace(w: NewWorkspace, now: number) {
      return db.transaction((tx) => {
        const workspaceId = randomUUID();
        tx.insert(t.workspaces).values({ id: workspaceId, name: w.workspace.name, createdAt: now }).run();
        const siteIds = w.sites.map((s) => {
          const id = randomUUID();
          tx.insert(t.sites)
            .values({
              id,
              workspaceId,
              name: s.name,
              siteKey: s.siteKey,
              allowedOrigins: JSON.stringify(s.allowedOrigins),
              rules: JSON.stringify(s.rules),
              launcherText: s.launcherText,
              phoneRegion: s.phoneRegion,
              offerTimeoutMs: s.offerTimeoutMs,
              hours: JSON.stringify(s.hours),
              createdAt: now,
            })
            .run();
          return id;
        });
        // Each user gets a distinct join time so round robin's first-use order is stable.
        const userIds = w.users.map((u, i) => {
          const id = randomUUID();
          tx.insert(t.users).values({ id, workspaceId, ...u, email: u.email.toLowerCase(), createdAt: now + i }).run();
          return id;
        });
        return { workspaceId, userIds, siteIds };
      });
    },

    async siteByKey(siteKey) {
      const row = db.select().from(t.sites).where(eq(t.sites.siteKey, siteKey)).get();
      return row ? toSite(row) : null;
    },

    async sitesOfWorkspace(workspaceId) {
      return db.select().from(t.sites).where(eq(t.sites.workspaceId, workspaceId)).all().map(toSite);
    },

    async userByEmail(email) {
      const row = db
        .select({ u: t.users, w: t.workspaces.name })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.email, email.toLowerCase()))
        .get();
      return row ? toUser(row.u, row.w) : null;
    },

    async userById(id) {
      const row = db
        .select({ u: t.users, w: t.workspaces.name })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.id, id))
        .get();
      return row ? toUser(row.u, row.w) : null;
    },

    async createSession(tokenHash, userId, now, ttlMs) {
      const user = db.select({ workspaceId: t.users.workspaceId }).from(t.users).where(eq(t.users.id, userId)).get();
      if (!user) throw new Error('unknown user');
      db.insert(t.sessions).values({ tokenHash, userId, workspaceId: user.workspaceId, createdAt: now, expiresAt: now + ttlMs }).run();
    },

    async userBySession(tokenHash, now): Promise<User | null> {
      const row = db
        .select({ u: t.users, w: t.workspaces.name, expiresAt: t.sessions.expiresAt })
        .from(t.sessions)
        .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.sessions.tokenHash, tokenHash))
        .get();
      if (!row || row.expiresAt <= now || !row.u.active) return null;
      return toUser(row.u, row.w);
    },

    async deleteSession(tokenHash) {
      db.delete(t.sessions).where(eq(t.sessions.tokenHash, tokenHash)).run();
    },

    async setPresence(userId, presence) {
      db.update(t.users).set({ presence }).where(eq(t.users.id, userId)).run();
    },

    async recordCallback(cmd: CallbackCommand): Promise<CallbackResult> {
      return db.transaction((tx): CallbackResult => {
        if (cmd.idempotency) {
          const prior = tx
            .select()
            .from(t.idempotencyKeys)
            .where(and(eq(t.idempotencyKeys.siteId, cmd.site.id), eq(t.idempotencyKeys.key, cmd.idempotency.key)))
            .get();
          if (prior) return prior.bodyHash === cmd.idempotency.bodyHash ? { kind: 'replay', leadId: prior.leadId } : { kind: 'conflict' };
        }
        const q = cmd.qualification;
        const lead = {
          id: randomUUID(),
          workspaceId: cmd.site.workspaceId,
          siteId: cmd.site.id,
          stage: 'visitor' as string,
        };
        tx.insert(t.leads)
          .values({
            ...lead,
            stage: 'visitor',
            name: cmd.name,
            phone: cmd.phoneE164,
            email: cmd.email,
            visitorId: cmd.visitorId,
            pageUrl: cmd.pageUrl,
            answers: JSON.stringify(cmd.answers),
            fit: q.fit.status,
            fitReason: q.fit.reason ?? null,
            score: q.score,
            mql: q.mql,
            hot: q.hot,
            reasons: JSON.stringify(q.reasons),
            rulesVersion: q.rulesVersion,
            routing: q.hot ? 'waiting' : 'closed',
            capturedAt: cmd.now,
            qualifiedAt: cmd.now,
          })
          .run();
        event(tx, lead.workspaceId, lead.id, 'captured', `Asked for a callback${cmd.pageUrl ? ` on ${cmd.pageUrl}` : ''}`, cmd.now);
        const why = q.fit.status === 'fails' ? q.fit.reason ?? 'Disqualified by a must-have answer' : q.reasons.map((r) => r.text).join('; ');
        moveStage(tx, lead, cmd.stage, 'system', why || null, cmd.now);
        event(tx, lead.workspaceId, lead.id, 'qualified', `Qualified as ${cmd.stage.toUpperCase()} (score ${q.score}, rules v${q.rulesVersion})`, cmd.now);
        if (cmd.idempotency) {
          tx.insert(t.idempotencyKeys)
            .values({ siteId: cmd.site.id, key: cmd.idempotency.key, workspaceId: lead.workspaceId, bodyHash: cmd.idempotency.bodyHash, leadId: lead.id, createdAt: cmd.now })
            .run();
        }
        let offer: OpenOffer | null = null;
        if (q.hot) {
          offer = makeOffer(tx, lead, cmd.chooseRep(candidates(tx, lead.workspaceId, lead.id, cmd.online)), cmd.now);
          if (!offer) event(tx, lead.workspaceId, lead.id, 'queued', 'Nobody available: waiting in the queue', cmd.now);
        }
        return { kind: 'created', leadId: lead.id, offer };
      });
    },

    async offerNext(leadId, now, online, chooseRep) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
        // Only a lead nobody holds can be offered; an open offer or an owner means it is taken care of.
        if (!lead || (lead.routing !== 'waiting' && lead.routing !== 'scheduled')) return null;
        if (lead.routing === 'scheduled' && (lead.scheduledFor ?? 0) > now) return null;
        return makeOffer(tx, lead, chooseRep(candidates(tx, lead.workspaceId, lead.id, online)), now);
      });
    },

    async acceptOffer(offerId, repId, now): Promise<AcceptResult> {
      return db.transaction((tx): AcceptResult => {
        const offer = tx.select().from(t.offers).where(eq(t.offers.id, offerId)).get();
        if (!offer || offer.repId !== repId) return { ok: false, error: 'not_found' };
        // The conditional update is the lock: only one accept can move the offer out of `offered`.
        const won = tx
          .update(t.offers)
          .set({ status: 'accepted', respondedAt: now })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), sql`${t.offers.expiresAt} > ${now}`))
          .run();
        if (won.changes !== 1) {
          return { ok: false, error: offer.status === 'accepted' || offer.status === 'taken' ? 'already_taken' : 'expired' };
        }
        const owned = tx
          .update(t.leads)
          .set({ routing: 'owned', ownerId: repId, acceptedAt: now })
          .where(and(eq(t.leads.id, offer.leadId), isNull(t.leads.ownerId)))
          .run();
        if (owned.changes !== 1) throw new Error('lead already owned while an offer was open');
        const lead = tx.select().from(t.leads).where(eq(t.leads.id, offer.leadId)).get()!;
        const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, repId)).get()!;
        event(tx, lead.workspaceId, lead.id, 'accepted', `Accepted by ${rep.name}`, now);
        moveStage(tx, lead, 'sal', repId, null, now);
        // Any other open offers for this lead (none in one-at-a-time routing) are closed as taken.
        const others = tx.select().from(t.offers).where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered'))).all();
        tx.update(t.offers).set({ status: 'taken', respondedAt: now }).where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered'))).run();
        return {
          ok: true,
          leadId: lead.id,
          repName: rep.name,
          otherOffers: others.map((o) => ({ id: o.id, leadId: o.leadId, repId: o.repId, workspaceId: o.workspaceId, expiresAt: o.expiresAt })),
        };
      });
    },

    async declineOffer(offerId, repId, reason, now) {
      return db.transaction((tx) => {
        const offer = tx.select().from(t.offers).where(and(eq(t.offers.id, offerId), eq(t.offers.repId, repId))).get();
        if (!offer) return null;
        const done = tx
          .update(t.offers)
          .set({ status: 'declined', respondedAt: now, reason })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered')))
          .run();
        if (done.changes !== 1) return null;
        tx.update(t.leads).set({ routing: 'waiting' }).where(and(eq(t.leads.id, offer.leadId), eq(t.leads.routing, 'offered'))).run();
        const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, repId)).get();
        event(tx, offer.workspaceId, offer.leadId, 'declined', `Declined by ${rep?.name ?? 'a rep'}${reason ? `: ${reason}` : ''}`, now);
        return { id: offer.id, leadId: offer.leadId, repId: offer.repId, workspaceId: offer.workspaceId, expiresAt: offer.expiresAt };
      });
    },

    async expireOffer(offerId, now) {
      return db.transaction((tx) => {
        const offer = tx.select().from(t.offers).where(eq(t.offers.id, offerId)).get();
        if (!offer) return null;
        const done = tx
          .update(t.offers)
          .set({ status: 'expired', respondedAt: now })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, now)))
          .run();
        if (done.changes !== 1) return null;
        tx.update(t.leads).set({ routing: 'waiting' }).where(and(eq(t.leads.id, offer.leadId), eq(t.leads.routing, 'offered'))).run();
        const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, offer.repId)).get();
        event(tx, offer.workspaceId, offer.leadId, 'expired', `${rep?.name ?? 'The rep'} did not accept in time`, now);
        return { id: offer.id, leadId: offer.leadId, repId: offer.repId, workspaceId: offer.workspaceId, expiresAt: offer.expiresAt };
      });
    },

    async openOffers() {
      return db
        .select({ id: t.offers.id, leadId: t.offers.leadId, repId: t.offers.repId, workspaceId: t.offers.workspaceId, expiresAt: t.offers.expiresAt })
        .from(t.offers)
        .where(eq(t.offers.status, 'offered'))
        .all();
    },

    async openOffersForRep(repId) {
      const ids = db.select({ id: t.offers.id }).from(t.offers).where(and(eq(t.offers.repId, repId), eq(t.offers.status, 'offered'))).orderBy(asc(t.offers.offeredAt)).all();
      return ids.map((o) => offerViewOf(db, o.id)).filter((o): o is OfferView => o !== null);
    },

    async offerView(offerId) {
      return offerViewOf(db, offerId);
    },

    async waitingLeads(workspaceId, now) {
      return db
        .select({ id: t.leads.id })
        .from(t.leads)
        .where(
          and(
            eq(t.leads.workspaceId, workspaceId),
            or(eq(t.leads.routing, 'waiting'), and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now))),
          ),
        )
        .orderBy(asc(t.leads.capturedAt))
        .all()
        .map((r) => r.id);
    },

    async markUnrouted(leadId, now, why) {
      db.transaction((tx) => {
        const lead = tx.select({ workspaceId: t.leads.workspaceId }).from(t.leads).where(eq(t.leads.id, leadId)).get();
        if (lead) event(tx, lead.workspaceId, leadId, 'queued', why, now);
      });
    },

    async leadCard(leadId, workspaceId) {
      return card(db, leadId, workspaceId);
    },

    async leadWorkspace(leadId) {
      return db.select({ w: t.leads.workspaceId }).from(t.leads).where(eq(t.leads.id, leadId)).get()?.w ?? null;
    },

    async myLeads(repId): Promise<MyLeadRow[]> {
      return db
        .select({ id: t.leads.id, name: t.leads.name, phone: t.leads.phone, stage: t.leads.stage, capturedAt: t.leads.capturedAt, acceptedAt: t.leads.acceptedAt, outcome: t.leads.outcome })
        .from(t.leads)
        .where(eq(t.leads.ownerId, repId))
        .orderBy(desc(t.leads.acceptedAt))
        .limit(200)
        .all() as MyLeadRow[];
    },

    async recordCallAttempt(leadId, userId, workspaceId, now) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId), eq(t.leads.ownerId, userId))).get();
        if (!lead) return null;
        if (lead.firstCallAt === null) {
          tx.update(t.leads).set({ firstCallAt: now }).where(eq(t.leads.id, leadId)).run();
          event(tx, workspaceId, leadId, 'call', 'First call attempt', now);
        }
        return card(tx, leadId, workspaceId);
      });
    },

    async recordOutcome(leadId, userId, workspaceId, input, now) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId))).get();
        if (!lead) return null;
        if (lead.ownerId !== userId) return 'not_owner' as const;
        const to = OUTCOME_STAGE[input.outcome];
        if (to && to !== lead.stage) {
          const check = checkTransition(lead.stage as Stage, to, input.reason);
          if (!check.ok) return 'not_owner' as const;
          moveStage(tx, lead, to, userId, input.reason ?? null, now);
        }
        tx.update(t.leads)
          .set({ outcome: input.outcome, outcomeAt: now, firstCallAt: lead.firstCallAt ?? now })
          .where(eq(t.leads.id, leadId))
          .run();
        const extra = [input.reason, input.notes].filter((s) => s && s.trim()).join(' - ');
        event(tx, workspaceId, leadId, 'outcome', `${OUTCOME_TEXT[input.outcome]}${extra ? `: ${extra}` : ''}`, now);
        return card(tx, leadId, workspaceId);
      });
    },

    async visitorStatus(leadId, _now, slots): Promise<VisitorStatus | null> {
      const lead = db.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
      if (!lead) return null;
      if (lead.ownerId) {
        const rep = db.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, lead.ownerId)).get();
        return { state: 'accepted', repName: rep?.name ?? 'A rep', at: lead.acceptedAt ?? lead.capturedAt };
      }
      if (lead.routing === 'scheduled' && lead.scheduledFor) return { state: 'scheduled', slot: new Date(lead.scheduledFor).toISOString() };
      if (lead.routing === 'closed') return { state: 'closed' };
      // Waiting with no open offer means nobody can take it right now: offer later times.
      if (lead.routing === 'waiting') return { state: 'no_rep', slots: slots() };
      return { state: 'waiting', since: lead.capturedAt, promiseSeconds: 60 };
    },

    async scheduleCallback(leadId, slotAt, now) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(and(eq(t.leads.id, leadId), eq(t.leads.routing, 'waiting'))).get();
        if (!lead) return false;
        tx.update(t.leads).set({ routing: 'scheduled', scheduledFor: slotAt }).where(eq(t.leads.id, leadId)).run();
        event(tx, lead.workspaceId, leadId, 'scheduled', `Visitor asked to be called at ${new Date(slotAt).toISOString()}`, now);
        return true;
      });
    },

    async scheduledLeads() {
      return db
        .select({ leadId: t.leads.id, at: t.leads.scheduledFor })
        .from(t.leads)
        .where(eq(t.leads.routing, 'scheduled'))
        .all()
        .map((r) => ({ leadId: r.leadId, at: r.at ?? 0 }));
    },

    async siteOfLead(leadId) {
      const row = db.select({ siteId: t.leads.siteId }).from(t.leads).where(eq(t.leads.id, leadId)).get();
      return row ? site(db, row.siteId) : null;
    },

    close() {
      db.$client.close();
    },
  };
  return store;
}

function countBy(rows: Array<{ repId: string | null; n: number }>): Map<string, number> {
  return new Map(rows.filter((r) => r.repId !== null).map((r) => [r.repId as string, r.n]));
}
