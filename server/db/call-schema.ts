// Browser calls (issue 23): one row per call, the record of what happened to it. No audio is kept:
// only its times, who ended it and the quality figures each side measured (getStats).
import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';

/** One browser call: an accepted offer of a lead whose visitor asked to talk in the browser. */
export const browserCalls = sqliteTable(
  'browser_calls',
  {
    /** The accepted offer is the call's id: its signalling names it. */
    offerId: text('offer_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id').notNull(),
    repId: text('rep_id').notNull(),
    acceptedAt: integer('accepted_at').notNull(),
    /** When voice first connected (the first side to say so); null when it never did. */
    connectedAt: integer('connected_at'),
    endedAt: integer('ended_at'),
    /** `visitor` or `rep` hung up, or `network`: the connection failed and could not be restored. */
    endedBy: text('ended_by', { enum: ['visitor', 'rep', 'network'] }),
    /** Connected to ended, in ms; null when it never connected. */
    durationMs: integer('duration_ms'),
    // What each side measured, as it reported at its end (null: not reported, or no figure).
    visitorRttMs: real('visitor_rtt_ms'),
    visitorLossPct: real('visitor_loss_pct'),
    visitorJitterMs: real('visitor_jitter_ms'),
    repRttMs: real('rep_rtt_ms'),
    repLossPct: real('rep_loss_pct'),
    repJitterMs: real('rep_jitter_ms'),
  },
  (t) => [
    index('browser_calls_lead').on(t.leadId),
    // Numbers reads a workspace's calls connected over a range.
    index('browser_calls_workspace_connected').on(t.workspaceId, t.connectedAt),
  ],
);
