import { and, desc, eq } from 'drizzle-orm';
import type { WebhookEvent } from '../../webhooks/topics';
import type { Webhook, WebhookStore } from '../../webhooks/webhook-store';
import { toWebhook, webhookRow } from '../webhook-rows';
import * as a from '../admin-schema';
import {
  FANOUT_PAGE as PAGE,
  TIMELINE_KINDS_SQL,
  leadRef,
  outboxEvent,
  outboxLeadId,
  publicEvent,
  stageEvent,
  subscribes,
  timelineEvent,
  LEAD_PAYLOAD_COLUMNS_SQL,
  LEAD_PAYLOAD_FROM_SQL,
  type LeadPayloadRow,
  type SourcedEvent,
} from '../webhook-events';
import type { Db } from './open';

export function createWebhookOps(db: Db): WebhookStore {
  const raw = db.$client;
  const cursor = raw.prepare<[string], { value: string }>('select value from settings where key = ?');
  const setCursor = raw.prepare('insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
  const timeline = raw.prepare<[number], { id: number; workspaceId: string; leadId: string; kind: string; text: string; at: number }>(
    `select id, workspace_id as workspaceId, lead_id as leadId, kind, text, at from lead_events
      where id > ? and kind in (${TIMELINE_KINDS_SQL}) order by id limit ${PAGE}`,
  );
  const lastTimeline = raw.prepare<[], { id: number | null }>('select max(id) as id from lead_events');
  const changes = raw.prepare<
    [number],
    { id: number; workspaceId: string; leadId: string; from: string | null; to: string; actor: string; reason: string | null; at: number }
  >(
    `select id, workspace_id as workspaceId, lead_id as leadId, from_stage as "from", to_stage as "to", actor, reason, at from stage_changes where id > ? order by id limit ${PAGE}`,
  );
  const lastChange = raw.prepare<[], { id: number | null }>('select max(id) as id from stage_changes');
  const outbox = raw.prepare<[number], { id: number; workspaceId: string; topic: string; payload: string; createdAt: number }>(
    `select id, workspace_id as workspaceId, topic, payload, created_at as createdAt from outbox where id > ? order by id limit ${PAGE}`,
  );
  const lastOutbox = raw.prepare<[], { id: number | null }>('select max(id) as id from outbox');
  const markOutbox = raw.prepare('update outbox set delivered_at = ?, attempts = attempts + 1 where id = ?');
  const lead = raw.prepare<[string], LeadPayloadRow>(
    `select ${LEAD_PAYLOAD_COLUMNS_SQL}, l.captured_at as "capturedAt" ${LEAD_PAYLOAD_FROM_SQL} where l.id = ?`,
  );
  const hooks = raw.prepare<
    [],
    { id: string; workspaceId: string; url: string; kind: 'signed' | 'slack'; secret: string; topics: string; active: number; createdAt: number }
  >('select id, workspace_id as workspaceId, url, kind, secret, topics, active, created_at as createdAt from webhooks where active = 1');
  const insertDelivery = raw.prepare(
    `insert into webhook_deliveries (workspace_id, webhook_id, event_id, lead_id, topic, payload, status, attempts, next_at, created_at)
     values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) on conflict (webhook_id, event_id) do nothing`,
  );

  /** The last id of each event source: where a new install's cursors start (see startCursors). */
  const lastId: Record<SourcedEvent['source'], () => number> = {
    timeline: () => lastTimeline.get()?.id ?? 0,
    stages: () => lastChange.get()?.id ?? 0,
    outbox: () => lastOutbox.get()?.id ?? 0,
  };

  function readCursor(name: SourcedEvent['source']): number {
    const row = cursor.get(`webhooks.cursor.${name}`);
    if (row) return Number(row.value);
    const start = lastId[name]();
    setCursor.run(`webhooks.cursor.${name}`, String(start));
    return start;
  }

  const startCursorsTx = raw.transaction(() => {
    for (const source of Object.keys(lastId) as Array<SourcedEvent['source']>) readCursor(source);
  });

  const fanOutTx = raw.transaction((now: number, render: (e: WebhookEvent, w: Webhook) => string) => {
    const active = hooks.all().map((h) => ({ ...h, topics: JSON.parse(h.topics) as Webhook['topics'], active: h.active === 1 }));
    const events: SourcedEvent[] = [];
    const snapshot = (id: string) => leadRef(id, lead.get(id));
    for (const r of timeline.all(readCursor('timeline'))) {
      events.push(timelineEvent(r, snapshot(r.leadId)));
    }
    for (const r of changes.all(readCursor('stages'))) {
      events.push(stageEvent(r, snapshot(r.leadId)));
    }
    for (const r of outbox.all(readCursor('outbox'))) {
      const leadId = outboxLeadId(r.payload);
      events.push(outboxEvent(r, leadId ? snapshot(leadId) : null));
      markOutbox.run(now, r.id);
    }
    let created = 0;
    const max: Record<string, number> = {};
    for (const e of events) {
      max[e.source] = Math.max(max[e.source] ?? 0, e.seq);
      for (const w of active) {
        if (!subscribes(w, e)) continue;
        created += insertDelivery.run(w.workspaceId, w.id, e.id, e.leadId, e.topic, render(publicEvent(e), w), now, now).changes;
      }
    }
    for (const [source, seq] of Object.entries(max)) setCursor.run(`webhooks.cursor.${source}`, String(seq));
    return created;
  });

  return {
    async list(workspaceId) {
      return db.select().from(a.webhooks).where(eq(a.webhooks.workspaceId, workspaceId)).all().map(toWebhook);
    },
    async create(w) {
      db.insert(a.webhooks).values(webhookRow(w)).run();
    },
    async remove(workspaceId, id) {
      return (
        db
          .update(a.webhooks)
          .set({ active: false })
          .where(and(eq(a.webhooks.id, id), eq(a.webhooks.workspaceId, workspaceId)))
          .run().changes === 1
      );
    },
    async deliveries(workspaceId, webhookId, limit) {
      return db
        .select()
        .from(a.webhookDeliveries)
        .where(and(eq(a.webhookDeliveries.workspaceId, workspaceId), eq(a.webhookDeliveries.webhookId, webhookId)))
        .orderBy(desc(a.webhookDeliveries.id))
        .limit(limit)
        .all();
    },
    async startCursors() {
      startCursorsTx();
    },
    async fanOut(now, render) {
      return fanOutTx(now, render);
    },
    async due(now, limit) {
      return raw
        .prepare(
          `select d.id, d.webhook_id as webhookId, d.event_id as eventId, d.topic, d.payload, d.status, d.attempts, d.next_at as nextAt,
                  d.last_status as lastStatus, d.last_error as lastError, d.created_at as createdAt, d.delivered_at as deliveredAt,
                  w.url, w.kind, w.secret
             from webhook_deliveries d join webhooks w on w.id = d.webhook_id
            where d.status = 'pending' and d.next_at <= ? and w.active = 1 order by d.next_at, d.id limit ?`,
        )
        .all(now, limit) as Awaited<ReturnType<WebhookStore['due']>>;
    },
    async claim(id, until, now) {
      return raw.prepare("update webhook_deliveries set next_at = ? where id = ? and status = 'pending' and next_at <= ?").run(until, id, now).changes === 1;
    },
    async delivered(id, status, now) {
      raw
        .prepare(
          "update webhook_deliveries set status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = null, delivered_at = ? where id = ?",
        )
        .run(status, now, id);
    },
    async failed(id, status, error, nextAt) {
      raw
        .prepare(
          'update webhook_deliveries set attempts = attempts + 1, last_status = ?, last_error = ?, status = ?, next_at = coalesce(?, next_at) where id = ?',
        )
        .run(status, error.slice(0, 500), nextAt === null ? 'failed' : 'pending', nextAt, id);
    },
    async replay(workspaceId, id, now) {
      return (
        raw.prepare("update webhook_deliveries set status = 'pending', attempts = 0, next_at = ? where id = ? and workspace_id = ?").run(now, id, workspaceId)
          .changes === 1
      );
    },
  };
}
