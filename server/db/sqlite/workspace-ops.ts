import { randomUUID } from 'node:crypto';
import type { MyLeadRow, Stage } from '../../../shared/api';
import type { WorkspaceStore } from '../../console/workspace-store';
import type { StoreRules } from '../../routing/store-rules';
import { ACTIVE_LIMIT, MINE_LIMIT, warmReasons } from '../workspace-rows';
import { createPlanExecutor } from './execute-plan';
import type { Db } from './open';

// Reads and small writes of the rep workspace and the supervisor view, in plain SQL. Taking a
// warm lead, reassigning and force-offering are decided by their plans (ctx.rules) and executed
// in one transaction.
type WarmRow = { id: string; name: string; score: number; reasons: string; capturedAt: number };

// The factory runs once per database (sqlite-backend.ts), so every statement is prepared once.
export function createWorkspaceOps(db: Db, rules: StoreRules): WorkspaceStore {
  const raw = db.$client;
  const execute = createPlanExecutor(db, rules.funnelStages);
  const userName = raw.prepare<[string, string], { name: string }>('select name from users where id = ? and workspace_id = ? and active = 1');
  const anyName = raw.prepare<[string], { name: string }>('select name from users where id = ?');
  /** The lead as a change of holder reads it (another workspace's lead is indistinguishable from a missing one). */
  const heldLead = raw.prepare<
    [string, string],
    { id: string; workspaceId: string; stage: Stage; ownerId: string | null; routing: string; firstOfferedAt: number | null; timeout: number }
  >(
    `select l.id, l.workspace_id as workspaceId, l.stage, l.owner_id as ownerId, l.routing, l.first_offered_at as firstOfferedAt, s.offer_timeout_ms as timeout
       from leads l join sites s on s.id = l.site_id where l.id = ? and l.workspace_id = ?`,
  );
  /**
   * A null stage lists every stage, a null dueBy every lead: one statement, the filters parameters.
   * The due filter is in the query, before the limit, so a rep with more leads than the list
   * holds still sees every follow-up that is due.
   */
  const mine = raw.prepare<[{ repId: string; stage: string | null; dueBy: number | null }], MyLeadRow>(
    `select l.id, l.name, l.phone, l.stage, l.captured_at as capturedAt, l.accepted_at as acceptedAt, l.outcome,
            (select min(f.due_at) from follow_ups f where f.lead_id = l.id and f.status = 'open') as nextFollowUpAt
       from leads l where l.owner_id = @repId and (@stage is null or l.stage = @stage)
        and (@dueBy is null or exists (select 1 from follow_ups f where f.lead_id = l.id and f.status = 'open' and f.due_at <= @dueBy))
      order by coalesce(l.accepted_at, l.captured_at) desc limit ${MINE_LIMIT}`,
  );
  const warm = raw.prepare<[string, number], WarmRow>(
    `select id, name, score, reasons, captured_at as capturedAt from leads
      where workspace_id = ? and stage = 'mql' and owner_id is null and routing in ('closed', 'waiting') order by captured_at limit ?`,
  );
  const leadInWorkspace = raw.prepare<[string, string], { found: 1 }>('select 1 as found from leads where id = ? and workspace_id = ?');
  const insertNote = raw.prepare<[string, string, string, string, number]>(
    'insert into lead_notes (workspace_id, lead_id, author_id, text, at) values (?, ?, ?, ?, ?)',
  );
  const openOffer = raw.prepare<[string, string], { found: 1 }>("select 1 as found from offers where lead_id = ? and rep_id = ? and status = 'offered'");
  const supervisor = {
    offers: raw.prepare<[string], SupervisorRow['offers'][number]>(
      `select o.id as offerId, o.lead_id as leadId, l.name as leadName, o.rep_id as repId, u.name as repName, o.offered_at as offeredAt, o.expires_at as expiresAt
         from offers o join leads l on l.id = o.lead_id join users u on u.id = o.rep_id
        where o.workspace_id = ? and o.status = 'offered' order by o.offered_at`,
    ),
    waiting: raw.prepare<[string], SupervisorRow['waiting'][number]>(
      `select id as leadId, name, hot_at as hotAt, queue_reason as queueReason from leads
        where workspace_id = ? and routing = 'waiting' order by coalesce(hot_at, captured_at)`,
    ),
    breachesToday: raw.prepare<[string, number], SupervisorRow['breachesToday'][number]>(
      `select b.lead_id as leadId, l.name, b.cause, b.at from sla_breaches b join leads l on l.id = b.lead_id
        where b.workspace_id = ? and b.at >= ? order by b.at desc`,
    ),
    load: raw.prepare<[string], SupervisorRow['load'][number]>(
      `select u.id as repId,
              (select count(*) from offers o where o.rep_id = u.id and o.status = 'offered') as openOffers,
              (select count(*) from leads l where l.owner_id = u.id and l.routing = 'owned' and l.outcome is null) as activeLeads
         from users u where u.workspace_id = ? and u.active = 1`,
    ),
    active: raw.prepare<[string], SupervisorRow['active'][number]>(
      `select l.id as leadId, l.name, u.name as ownerName, l.accepted_at as acceptedAt, l.stage from leads l join users u on u.id = l.owner_id
        where l.workspace_id = ? and l.routing = 'owned' and l.outcome is null order by l.accepted_at limit ${ACTIVE_LIMIT}`,
    ),
  };

  return {
    async mine(repId, filter) {
      return mine.all({ repId, stage: filter.stage ?? null, dueBy: filter.dueBy ?? null });
    },

    async warm(workspaceId, limit) {
      return warm.all(workspaceId, limit).map((r) => ({ ...r, reasons: warmReasons(r.reasons) }));
    },

    async claim(leadId, repId, workspaceId, now) {
      return db.transaction((tx) => {
        const rep = userName.get(repId, workspaceId);
        const lead = heldLead.get(leadId, workspaceId);
        if (!rep || !lead) return 'not_found' as const;
        const plan = rules.planClaim(lead, { id: repId, name: rep.name }, now);
        if (plan === 'not_available') return plan;
        execute(tx, lead, plan, now);
        return 'ok' as const;
      });
    },

    async addNote(leadId, workspaceId, authorId, text, now) {
      if (!leadInWorkspace.get(leadId, workspaceId)) return false;
      insertNote.run(workspaceId, leadId, authorId, text, now);
      return true;
    },

    async supervisor(workspaceId, since) {
      // Synchronous reads one after another: nothing commits between them in this process.
      return {
        offers: supervisor.offers.all(workspaceId),
        waiting: supervisor.waiting.all(workspaceId),
        breachesToday: supervisor.breachesToday.all(workspaceId, since),
        load: supervisor.load.all(workspaceId),
        active: supervisor.active.all(workspaceId),
      };
    },

    async reassign(leadId, toRepId, workspaceId, by, now) {
      return db.transaction((tx) => {
        const to = userName.get(toRepId, workspaceId);
        const lead = heldLead.get(leadId, workspaceId);
        if (!to || !lead) return 'not_found' as const;
        const plan = rules.planReassign(lead, { id: toRepId, name: to.name }, anyName.get(by)?.name ?? null);
        if (plan === 'not_owned') return plan;
        execute(tx, lead, plan, now);
        return 'ok' as const;
      });
    },

    async forceOffer(leadId, repId, workspaceId, by, now) {
      return db.transaction((tx) => {
        const rep = userName.get(repId, workspaceId);
        const lead = heldLead.get(leadId, workspaceId);
        if (!rep || !lead) return 'not_found' as const;
        const alreadyOffered = openOffer.get(leadId, repId) !== undefined;
        const decided = rules.planForceOffer(
          lead,
          { repId, repName: rep.name, alreadyOffered },
          { by, byName: anyName.get(by)?.name ?? null, offerTimeoutMs: lead.timeout, now, newId: randomUUID },
        );
        if (typeof decided === 'string') return decided;
        execute(tx, lead, decided.plan, now);
        return { id: decided.offer.id, leadId, repId, workspaceId, expiresAt: decided.offer.expiresAt };
      });
    },
  };
}

type SupervisorRow = Awaited<ReturnType<WorkspaceStore['supervisor']>>;
