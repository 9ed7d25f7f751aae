// Webhooks on PostgreSQL: the twin of sqlite/webhook-ops.ts. The fan-out reads the timeline,
// stage changes and outbox past stored cursors. One process runs the dispatcher (a lease), but
// every step stays safe if two do: fan-outs take turns on an advisory lock, cursors only move by
// a conditional update, deliveries are unique per (webhook, event), and sends are claimed.
import { and, asc, desc, eq, gt, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import type { Webhook, WebhookStore } from '../../webhooks/webhook-store';
import { toWebhook, webhookRow } from '../webhook-rows';
import {
  FANOUT_PAGE,
  LEAD_PAYLOAD_COLUMNS_SQL,
  LEAD_PAYLOAD_FROM_SQL,
  leadRef,
  type LeadPayloadRow,
  outboxEvent,
  outboxLeadId,
  publicEvent,
  stageEvent,
  subscribes,
  timelineEvent,
  type SourcedEvent,
} from '../webhook-events';
import { TIMELINE_TOPICS } from '../../webhooks/topics';
import { advanceCursor, notYetFannedOut, type CursorState, type GapMark } from './event-cursor';
import { lockFanOut } from './locks';
import * as t from './schema';
import * as a from './admin-schema';
import type { PgDb, PgTx } from './open';

/**
 * How long an id may be missing below visible ones before the fan-out gives it up (its insert
 * rolled back, or the row was erased). Sixty's transactions last milliseconds; this is generous.
 */
const GAP_SETTLE_MS = 30_000;

/** Delivery rows per insert statement (10 parameters each, far below PostgreSQL's 65,535). */
const INSERT_CHUNK = 1000;

type Source = SourcedEvent['source'];

const cursorKey = (s: Source) => `webhooks.cursor.${s}`;
const gapKey = (s: Source) => `webhooks.gap.${s}`;

async function setting(tx: PgTx, key: string): Promise<string | null> {
  const [row] = await tx.select({ value: t.settings.value }).from(t.settings).where(eq(t.settings.key, key));
  return row?.value ?? null;
}

/** The last id of each event source: where a new install's cursors start (see startCursors). */
const LAST_ID: Record<Source, (tx: PgTx) => Promise<number>> = {
  timeline: async (tx) => (await tx.select({ id: max(t.leadEvents.id) }).from(t.leadEvents))[0]?.id ?? 0,
  stages: async (tx) => (await tx.select({ id: max(t.stageChanges.id) }).from(t.stageChanges))[0]?.id ?? 0,
  outbox: async (tx) => (await tx.select({ id: max(t.outbox.id) }).from(t.outbox))[0]?.id ?? 0,
};

async function readState(tx: PgTx, source: Source): Promise<CursorState> {
  const stored = await setting(tx, cursorKey(source));
  if (stored === null) {
    const start = await LAST_ID[source](tx);
    await tx
      .insert(t.settings)
      .values({ key: cursorKey(source), value: String(start) })
      .onConflictDoNothing();
    return { cursor: Number((await setting(tx, cursorKey(source)))!), gap: null };
  }
  const gap = await setting(tx, gapKey(source));
  return { cursor: Number(stored), gap: gap === null ? null : (JSON.parse(gap) as GapMark) };
}

async function saveState(tx: PgTx, source: Source, before: CursorState, after: CursorState): Promise<void> {
  if (after.cursor !== before.cursor) {
    // Conditional: a cursor only moves from where this fan-out found it; anything else undoes the whole fan-out.
    const moved = await tx
      .update(t.settings)
      .set({ value: String(after.cursor) })
      .where(and(eq(t.settings.key, cursorKey(source)), eq(t.settings.value, String(before.cursor))));
    if (moved.rowCount !== 1) throw new Error(`webhook cursor ${source} moved under a concurrent fan-out`);
  }
  if (after.gap) {
    const value = JSON.stringify(after.gap);
    await tx
      .insert(t.settings)
      .values({ key: gapKey(source), value })
      .onConflictDoUpdate({ target: t.settings.key, set: { value } });
  } else if (before.gap) {
    await tx.delete(t.settings).where(eq(t.settings.key, gapKey(source)));
  }
}

export function createWebhookOps(db: PgDb): WebhookStore {
  async function fanOut(tx: PgTx, now: number, render: (e: ReturnType<typeof publicEvent>, w: Webhook) => string): Promise<number> {
    await lockFanOut(tx);
    const active = (await tx.select().from(a.webhooks).where(eq(a.webhooks.active, true))).map(toWebhook);

    const tlState = await readState(tx, 'timeline');
    // Every kind is read (not only the timeline topics) so that ids stay contiguous for the cursor.
    const tlRows = await tx
      .select({
        id: t.leadEvents.id,
        workspaceId: t.leadEvents.workspaceId,
        leadId: t.leadEvents.leadId,
        kind: t.leadEvents.kind,
        text: t.leadEvents.text,
        at: t.leadEvents.at,
      })
      .from(t.leadEvents)
      .where(gt(t.leadEvents.id, tlState.cursor))
      .orderBy(asc(t.leadEvents.id))
      .limit(FANOUT_PAGE);
    const scState = await readState(tx, 'stages');
    const scRows = await tx
      .select({
        id: t.stageChanges.id,
        workspaceId: t.stageChanges.workspaceId,
        leadId: t.stageChanges.leadId,
        from: t.stageChanges.fromStage,
        to: t.stageChanges.toStage,
        actor: t.stageChanges.actor,
        reason: t.stageChanges.reason,
        at: t.stageChanges.at,
      })
      .from(t.stageChanges)
      .where(gt(t.stageChanges.id, scState.cursor))
      .orderBy(asc(t.stageChanges.id))
      .limit(FANOUT_PAGE);
    const obState = await readState(tx, 'outbox');
    const obRows = await tx
      .select({ id: t.outbox.id, workspaceId: t.outbox.workspaceId, topic: t.outbox.topic, payload: t.outbox.payload, createdAt: t.outbox.createdAt })
      .from(t.outbox)
      .where(gt(t.outbox.id, obState.cursor))
      .orderBy(asc(t.outbox.id))
      .limit(FANOUT_PAGE);

    const tlNew = new Set(
      notYetFannedOut(
        tlState,
        tlRows.map((r) => r.id),
      ),
    );
    const timeline = tlRows.filter((r) => tlNew.has(r.id) && TIMELINE_TOPICS[r.kind] !== undefined);
    const scNew = new Set(
      notYetFannedOut(
        scState,
        scRows.map((r) => r.id),
      ),
    );
    const changes = scRows.filter((r) => scNew.has(r.id));
    const obNew = new Set(
      notYetFannedOut(
        obState,
        obRows.map((r) => r.id),
      ),
    );
    const outbox = obRows.filter((r) => obNew.has(r.id)).map((r) => ({ ...r, leadId: outboxLeadId(r.payload) }));

    // One read for every lead the events name: the snapshot is the lead as it is now.
    const leadIds = [...new Set([...timeline.map((r) => r.leadId), ...changes.map((r) => r.leadId), ...outbox.flatMap((r) => (r.leadId ? [r.leadId] : []))])];
    const leads = new Map(
      leadIds.length === 0
        ? []
        : (
            await tx.execute<LeadPayloadRow & Record<string, unknown>>(
              sql`select ${sql.raw(LEAD_PAYLOAD_COLUMNS_SQL)}, l.captured_at::float8 as "capturedAt" ${sql.raw(LEAD_PAYLOAD_FROM_SQL)} where l.id in ${leadIds}`,
            )
          ).rows.map((l) => [l.id, l] as const),
    );
    const events = [
      ...timeline.map((r) => timelineEvent(r, leadRef(r.leadId, leads.get(r.leadId)))),
      ...changes.map((r) => stageEvent(r, leadRef(r.leadId, leads.get(r.leadId)))),
      ...outbox.map((r) => outboxEvent(r, r.leadId ? leadRef(r.leadId, leads.get(r.leadId)) : null)),
    ];
    if (outbox.length > 0) {
      await tx
        .update(t.outbox)
        .set({ deliveredAt: now, attempts: sql`${t.outbox.attempts} + 1` })
        .where(
          and(
            inArray(
              t.outbox.id,
              outbox.map((r) => r.id),
            ),
            isNull(t.outbox.deliveredAt),
          ),
        );
    }

    const rows: Array<typeof a.webhookDeliveries.$inferInsert> = [];
    for (const e of events) {
      for (const w of active) {
        if (!subscribes(w, e)) continue;
        const event = publicEvent(e);
        rows.push({
          workspaceId: w.workspaceId,
          webhookId: w.id,
          eventId: e.id,
          leadId: e.leadId,
          topic: e.topic,
          payload: render(event, w),
          status: 'pending',
          attempts: 0,
          nextAt: now,
          createdAt: now,
        });
      }
    }
    let created = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const made = await tx
        .insert(a.webhookDeliveries)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflictDoNothing({ target: [a.webhookDeliveries.webhookId, a.webhookDeliveries.eventId] })
        .returning({ id: a.webhookDeliveries.id });
      created += made.length;
    }

    const read: Array<[Source, CursorState, number[]]> = [
      ['timeline', tlState, tlRows.map((r) => r.id)],
      ['stages', scState, scRows.map((r) => r.id)],
      ['outbox', obState, obRows.map((r) => r.id)],
    ];
    for (const [source, before, ids] of read) await saveState(tx, source, before, advanceCursor(before, ids, now, GAP_SETTLE_MS));
    return created;
  }

  return {
    async list(workspaceId) {
      const rows = await db.select().from(a.webhooks).where(eq(a.webhooks.workspaceId, workspaceId));
      return rows.map(toWebhook);
    },
    async create(w) {
      await db.insert(a.webhooks).values(webhookRow(w));
    },
    async remove(workspaceId, id) {
      const done = await db
        .update(a.webhooks)
        .set({ active: false })
        .where(and(eq(a.webhooks.id, id), eq(a.webhooks.workspaceId, workspaceId)));
      return done.rowCount === 1;
    },
    async deliveries(workspaceId, webhookId, limit) {
      return db
        .select()
        .from(a.webhookDeliveries)
        .where(and(eq(a.webhookDeliveries.workspaceId, workspaceId), eq(a.webhookDeliveries.webhookId, webhookId)))
        .orderBy(desc(a.webhookDeliveries.id))
        .limit(limit);
    },
    async startCursors() {
      // Processes starting together: the first insert of each cursor wins (readState).
      await db.transaction(async (tx) => {
        for (const source of Object.keys(LAST_ID) as Source[]) await readState(tx, source);
      });
    },
    async fanOut(now, render) {
      return db.transaction((tx) => fanOut(tx, now, render));
    },
    async due(now, limit) {
      const d = a.webhookDeliveries;
      return db
        .select({
          id: d.id,
          webhookId: d.webhookId,
          eventId: d.eventId,
          topic: d.topic,
          payload: d.payload,
          status: d.status,
          attempts: d.attempts,
          nextAt: d.nextAt,
          lastStatus: d.lastStatus,
          lastError: d.lastError,
          createdAt: d.createdAt,
          deliveredAt: d.deliveredAt,
          url: a.webhooks.url,
          kind: a.webhooks.kind,
          secret: a.webhooks.secret,
        })
        .from(d)
        .innerJoin(a.webhooks, eq(a.webhooks.id, d.webhookId))
        .where(and(eq(d.status, 'pending'), lte(d.nextAt, now), eq(a.webhooks.active, true)))
        .orderBy(asc(d.nextAt), asc(d.id))
        .limit(limit);
    },
    async claim(id, until, now) {
      const d = a.webhookDeliveries;
      const done = await db
        .update(d)
        .set({ nextAt: until })
        .where(and(eq(d.id, id), eq(d.status, 'pending'), lte(d.nextAt, now)));
      return done.rowCount === 1;
    },
    async delivered(id, status, now) {
      const d = a.webhookDeliveries;
      await db
        .update(d)
        .set({ status: 'delivered', attempts: sql`${d.attempts} + 1`, lastStatus: status, lastError: null, deliveredAt: now })
        .where(eq(d.id, id));
    },
    async failed(id, status, error, nextAt) {
      const d = a.webhookDeliveries;
      await db
        .update(d)
        .set({
          attempts: sql`${d.attempts} + 1`,
          lastStatus: status,
          lastError: error.slice(0, 500),
          status: nextAt === null ? 'failed' : 'pending',
          nextAt: nextAt ?? sql`${d.nextAt}`,
        })
        .where(eq(d.id, id));
    },
    async replay(workspaceId, id, now) {
      const d = a.webhookDeliveries;
      const done = await db
        .update(d)
        .set({ status: 'pending', attempts: 0, nextAt: now })
        .where(and(eq(d.id, id), eq(d.workspaceId, workspaceId)));
      return done.rowCount === 1;
    },
  };
}
