import { randomUUID } from 'node:crypto';
import type { MyLeadRow } from '../../../shared/api';
import type { WorkspaceStore } from '../../console/workspace-store';
import { UNKNOWN_MANAGER, forceOfferTurnsHot, warmReasons, workspaceText } from '../workspace-rows';
import type { Db } from './open';

// Reads and small writes of the rep workspace and the supervisor view, in plain SQL.
export function createWorkspaceOps(db: Db): WorkspaceStore {
  const raw = db.$client;
  const userName = raw.prepare<[string, string], { name: string }>('select name from users where id = ? and workspace_id = ? and active = 1');
  const event = raw.prepare('insert into lead_events (workspace_id, lead_id, kind, text, at) values (?, ?, ?, ?, ?)');
  const stageChange = raw.prepare('insert into stage_changes (workspace_id, lead_id, from_stage, to_stage, actor, reason, at) values (?, ?, ?, ?, ?, ?, ?)');

  return {
    async mine(repId, filter) {
      const rows = raw
        .prepare(
          `select l.id, l.name, l.phone, l.stage, l.captured_at as capturedAt, l.accepted_at as acceptedAt, l.outcome,
                  (select min(f.due_at) from follow_ups f where f.lead_id = l.id and f.status = 'open') as nextFollowUpAt
             from leads l where l.owner_id = ? ${filter.stage ? 'and l.stage = ?' : ''}
            order by coalesce(l.accepted_at, l.captured_at) desc limit 200`,
        )
        .all(...([repId, ...(filter.stage ? [filter.stage] : [])] as [string])) as MyLeadRow[];
      return filter.dueBy === undefined ? rows : rows.filter((r) => r.nextFollowUpAt != null && r.nextFollowUpAt <= filter.dueBy!);
    },

    async warm(workspaceId, limit) {
      return (
        raw
          .prepare(
            `select id, name, score, reasons, captured_at as capturedAt from leads
              where workspace_id = ? and stage = 'mql' and owner_id is null and routing in ('closed', 'waiting') order by captured_at limit ?`,
          )
          .all(workspaceId, limit) as Array<{ id: string; name: string; score: number; reasons: string; capturedAt: number }>
      ).map((r) => ({ ...r, reasons: warmReasons(r.reasons) }));
    },

    async claim(leadId, repId, workspaceId, now) {
      return raw.transaction(() => {
        const rep = userName.get(repId, workspaceId);
        // Another workspace's lead is indistinguishable from a missing one.
        if (!rep || !raw.prepare('select 1 from leads where id = ? and workspace_id = ?').get(leadId, workspaceId)) return 'not_found' as const;
        // Conditional: only a warm lead nobody holds (no owner, no open offer) can be pulled.
        const done = raw
          .prepare(
            `update leads set owner_id = ?, routing = 'owned', accepted_at = ? where id = ? and workspace_id = ? and owner_id is null
               and stage = 'mql' and routing in ('closed', 'waiting')`,
          )
          .run(repId, now, leadId, workspaceId);
        if (done.changes !== 1) return 'not_available' as const;
        raw.prepare("update leads set stage = 'sal' where id = ?").run(leadId);
        stageChange.run(workspaceId, leadId, 'mql', 'sal', repId, workspaceText.claimReason, now);
        event.run(workspaceId, leadId, 'accepted', workspaceText.claimed(rep.name), now);
        return 'ok' as const;
      })();
    },

    async addNote(leadId, workspaceId, authorId, text, now) {
      const lead = raw.prepare('select 1 from leads where id = ? and workspace_id = ?').get(leadId, workspaceId);
      if (!lead) return false;
      raw.prepare('insert into lead_notes (workspace_id, lead_id, author_id, text, at) values (?, ?, ?, ?, ?)').run(workspaceId, leadId, authorId, text, now);
      return true;
    },

    async supervisor(workspaceId, since) {
      return {
        offers: raw
          .prepare(
            `select o.id as offerId, o.lead_id as leadId, l.name as leadName, o.rep_id as repId, u.name as repName, o.offered_at as offeredAt, o.expires_at as expiresAt
               from offers o join leads l on l.id = o.lead_id join users u on u.id = o.rep_id
              where o.workspace_id = ? and o.status = 'offered' order by o.offered_at`,
          )
          .all(workspaceId) as SupervisorRow['offers'],
        waiting: raw
          .prepare(
            `select id as leadId, name, hot_at as hotAt, queue_reason as queueReason from leads
              where workspace_id = ? and routing = 'waiting' order by coalesce(hot_at, captured_at)`,
          )
          .all(workspaceId) as SupervisorRow['waiting'],
        breachesToday: raw
          .prepare(
            `select b.lead_id as leadId, l.name, b.cause, b.at from sla_breaches b join leads l on l.id = b.lead_id
              where b.workspace_id = ? and b.at >= ? order by b.at desc`,
          )
          .all(workspaceId, since) as SupervisorRow['breachesToday'],
        load: raw
          .prepare(
            `select u.id as repId,
                    (select count(*) from offers o where o.rep_id = u.id and o.status = 'offered') as openOffers,
                    (select count(*) from leads l where l.owner_id = u.id and l.routing = 'owned' and l.outcome is null) as activeLeads
               from users u where u.workspace_id = ? and u.active = 1`,
          )
          .all(workspaceId) as SupervisorRow['load'],
        active: raw
          .prepare(
            `select l.id as leadId, l.name, u.name as ownerName, l.accepted_at as acceptedAt, l.stage from leads l join users u on u.id = l.owner_id
              where l.workspace_id = ? and l.routing = 'owned' and l.outcome is null order by l.accepted_at limit 200`,
          )
          .all(workspaceId) as SupervisorRow['active'],
      };
    },

    async reassign(leadId, toRepId, workspaceId, by, now) {
      return raw.transaction(() => {
        const to = userName.get(toRepId, workspaceId);
        const lead = raw
          .prepare<[string, string], { ownerId: string | null }>('select owner_id as ownerId from leads where id = ? and workspace_id = ?')
          .get(leadId, workspaceId);
        if (!to || !lead) return 'not_found' as const;
        if (!lead.ownerId) return 'not_owned' as const;
        raw.prepare('update leads set owner_id = ? where id = ?').run(toRepId, leadId);
        raw.prepare("update follow_ups set rep_id = ? where lead_id = ? and status = 'open'").run(toRepId, leadId);
        const byName = raw.prepare<[string], { name: string }>('select name from users where id = ?').get(by)?.name ?? UNKNOWN_MANAGER;
        event.run(workspaceId, leadId, 'reassigned', workspaceText.reassigned(byName, to.name), now);
        return 'ok' as const;
      })();
    },

    async forceOffer(leadId, repId, workspaceId, by, now) {
      return raw.transaction(() => {
        const rep = userName.get(repId, workspaceId);
        const lead = raw
          .prepare<[string, string], { id: string; ownerId: string | null; siteId: string; stage: string }>(
            'select id, owner_id as ownerId, site_id as siteId, stage from leads where id = ? and workspace_id = ?',
          )
          .get(leadId, workspaceId);
        if (!rep || !lead) return 'not_found' as const;
        if (lead.ownerId) return 'owned' as const;
        if (raw.prepare("select 1 from offers where lead_id = ? and rep_id = ? and status = 'offered'").get(leadId, repId)) return 'already_offered' as const;
        const timeout = raw.prepare<[string], { t: number }>('select offer_timeout_ms as t from sites where id = ?').get(lead.siteId)!.t;
        const offer = { id: randomUUID(), leadId, repId, workspaceId, expiresAt: now + timeout };
        raw
          .prepare("insert into offers (id, workspace_id, lead_id, rep_id, status, offered_at, expires_at, step) values (?, ?, ?, ?, 'offered', ?, ?, 'team')")
          .run(offer.id, workspaceId, leadId, repId, now, offer.expiresAt);
        raw
          .prepare("update leads set routing = 'offered', first_offered_at = coalesce(first_offered_at, ?), queue_reason = null where id = ?")
          .run(now, leadId);
        if (forceOfferTurnsHot(lead.stage)) {
          raw.prepare("update leads set stage = 'hot' where id = ?").run(leadId);
          stageChange.run(workspaceId, leadId, lead.stage, 'hot', by, workspaceText.forceOfferReason, now);
        }
        const byName = raw.prepare<[string], { name: string }>('select name from users where id = ?').get(by)?.name ?? UNKNOWN_MANAGER;
        event.run(workspaceId, leadId, 'offered', workspaceText.forceOffered(rep.name, byName), now);
        return offer;
      })();
    },
  };
}

type SupervisorRow = Awaited<ReturnType<WorkspaceStore['supervisor']>>;
