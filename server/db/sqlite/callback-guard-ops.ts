import { outcomeOf, retryAtOf, type Admission, type CallbackGuardStore } from '../../callbacks/callback-guard-store';
import type { Db } from './open';

export function createCallbackGuardOps(db: Db): CallbackGuardStore {
  const raw = db.$client;
  const keyUsed = raw.prepare<[string, string]>('select 1 from idempotency_keys where site_id = ? and key = ?');
  // The daily cap counts the phone's requests on every site of the workspace.
  const byPhone = raw.prepare<[string, string, number], { at: number }>(
    'select at from callback_requests where workspace_id = ? and phone = ? and at >= ? order by at',
  );
  const recent = raw.prepare<[string, string | null, string | null, number], { leadId: string }>(
    `select r.lead_id as leadId from callback_requests r join leads l on l.id = r.lead_id
      where r.site_id = ? and (r.phone = ? or (r.email is not null and r.email = ?)) and r.at >= ? order by r.at desc limit 1`,
  );
  // The phone's latest lead on the site (leads_site_phone), whatever its stage: only the latest may return.
  const latestByPhone = raw.prepare<[string, string], { id: string; stage: string }>(
    'select id, stage from leads where site_id = ? and phone = ? order by captured_at desc limit 1',
  );
  const insert = raw.prepare('insert into callback_requests (workspace_id, site_id, phone, email, lead_id, at) values (?, ?, ?, ?, null, ?)');
  const link = raw.prepare('update callback_requests set lead_id = ? where id = ?');
  const drop = raw.prepare('delete from callback_requests where id = ? and lead_id is null');
  const pendingAhead = raw.prepare<[string, string, number], { id: number }>(
    'select max(id) as id from callback_requests where site_id = ? and phone = ? and lead_id is null and at >= ?',
  );
  const outcome = raw.prepare<[number], { settledTo: string | null; leadId: string | null }>(
    'select r.lead_id as settledTo, l.id as leadId from callback_requests r left join leads l on l.id = r.lead_id where r.id = ?',
  );
  const prune = raw.prepare('delete from callback_requests where at < ? or (lead_id is null and at < ?)');
  const note = raw.prepare("insert into lead_events (workspace_id, lead_id, kind, text, at) values (?, ?, 'repeat', ?, ?)");
  const fillPhone = raw.prepare("update leads set phone = ? where id = ? and phone = ''");
  // better-sqlite3 transactions are synchronous: nothing else runs between the count and the insert.
  const admitTx = raw.transaction((r: Parameters<CallbackGuardStore['admit']>[0]): Admission => {
    if (r.limit !== null) {
      const times = byPhone.all(r.workspaceId, r.phone, r.since).map((x) => x.at);
      if (times.length >= r.limit) return { ok: false, retryAt: retryAtOf(times, r.limit, r.at - r.since) };
    }
    const ahead = r.pendingSince == null ? null : (pendingAhead.get(r.siteId, r.phone, r.pendingSince)?.id ?? null);
    const requestId = Number(insert.run(r.workspaceId, r.siteId, r.phone, r.email?.toLowerCase() ?? null, r.at).lastInsertRowid);
    return { ok: true, requestId, ahead };
  });
  const settleTx = raw.transaction((r: Parameters<CallbackGuardStore['settle']>[0]) => {
    link.run(r.leadId, r.requestId);
    if (r.note !== null) note.run(r.workspaceId, r.leadId, r.note, r.at);
    if (r.phone) fillPhone.run(r.phone, r.leadId);
  });
  return {
    async keyUsed(siteId, key) {
      return keyUsed.get(siteId, key) !== undefined;
    },
    async admit(r) {
      return admitTx(r);
    },
    async recentLead(siteId, phone, email, since) {
      return recent.get(siteId, phone, email?.toLowerCase() ?? null, since)?.leadId ?? null;
    },
    async nurturedLead(siteId, phone) {
      const latest = latestByPhone.get(siteId, phone);
      return latest?.stage === 'nurture' ? latest.id : null;
    },
    async settle(r) {
      settleTx(r);
    },
    async requestOutcome(requestId) {
      return outcomeOf(outcome.get(requestId));
    },
    async release(requestId) {
      drop.run(requestId);
    },
    async prune(before, pendingBefore) {
      return prune.run(before, pendingBefore).changes;
    },
  };
}
