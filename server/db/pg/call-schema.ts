// The PostgreSQL mirror of server/db/call-schema.ts.
// Browser calls (issue 23): one row per call, the record of what happened to it. No audio is kept:
// only its times, who ended it and the quality figures each side measured (getStats).
import { pgTable, text, bigint, doublePrecision, index } from 'drizzle-orm/pg-core';

/** One browser call: an accepted offer of a lead whose visitor asked to talk in the browser. */
export const browserCalls = pgTable(
  'browser_calls',
  {
    /** The accepted offer is the call's id: its signalling names it. */
    offerId: text('offer_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id').notNull(),
    repId: text('rep_id').notNull(),
    acceptedAt: bigint('accepted_at', { mode: 'number' }).notNull(),
    /** When voice first connected (the first side to say so); null when it never did. */
    connectedAt: bigint('connected_at', { mode: 'number' }),
    endedAt: bigint('ended_at', { mode: 'number' }),
    /** `visitor` or `rep` hung up, or `network`: the connection failed and could not be restored. */
    endedBy: text('ended_by', { enum: ['visitor', 'rep', 'network'] }),
    /** Connected to ended, in ms; null when it never connected. */
    durationMs: bigint('duration_ms', { mode: 'number' }),
    // What each side measured, as it reported at its end (null: not reported, or no figure).
    visitorRttMs: doublePrecision('visitor_rtt_ms'),
    visitorLossPct: doublePrecision('visitor_loss_pct'),
    visitorJitterMs: doublePrecision('visitor_jitter_ms'),
    repRttMs: doublePrecision('rep_rtt_ms'),
    repLossPct: doublePrecision('rep_loss_pct'),
    repJitterMs: doublePrecision('rep_jitter_ms'),
  },
  (t) => [
    index('browser_calls_lead').on(t.leadId),
    // Numbers reads a workspace's calls connected over a range.
    index('browser_calls_workspace_connected').on(t.workspaceId, t.connectedAt),
  ],
);
