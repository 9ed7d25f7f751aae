// The record of a browser call (issue 23): what its start, the two sides' `call:report`s and the
// end write to the call's row and the lead's trail. Pure: the stores read the row and the lead,
// call these, and execute what they return in one transaction.
import type { CallQuality, CallReport } from '../../shared/schemas/call.schema';
import type { LeadPlan } from '../routing/lead-plan';
import { planFirstCall } from '../routing/plan-booking.core';
import { durationText } from '../sla/digest-mail';

/** Which party reported: known from the socket (its namespace), never from the message. */
export type CallSide = 'visitor' | 'rep';
/** Who ended the call: a party hanging up, or the network (the connection failed and was not restored). */
export type CallEnder = CallSide | 'network';

/** A browser call's row, as both dialects store it (server/db/call-schema.ts). */
export interface CallRow {
  offerId: string;
  workspaceId: string;
  leadId: string;
  repId: string;
  acceptedAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  endedBy: CallEnder | null;
  durationMs: number | null;
  visitorRttMs: number | null;
  visitorLossPct: number | null;
  visitorJitterMs: number | null;
  repRttMs: number | null;
  repLossPct: number | null;
  repJitterMs: number | null;
}

/** The columns a report changes on the call's row. */
export type CallChange = Partial<Omit<CallRow, 'offerId' | 'workspaceId' | 'leadId' | 'repId' | 'acceptedAt'>>;

/** What one report writes: the call's columns and the lead's (null: nothing). */
export interface CallReportPlan {
  call: CallChange | null;
  lead: LeadPlan | null;
}

/** The trail line's kind for every browser-call line (the timeline shows them as calls). */
const KIND = 'call';

const NOTHING: CallReportPlan = { call: null, lead: null };

/** A new call's row and its first trail line: the rep accepted a browser-call lead. */
export function planCallStarted(
  offer: { offerId: string; workspaceId: string; leadId: string; repId: string },
  repName: string,
  now: number,
): { call: CallRow; lead: LeadPlan } {
  return {
    call: {
      ...offer,
      acceptedAt: now,
      connectedAt: null,
      endedAt: null,
      endedBy: null,
      durationMs: null,
      visitorRttMs: null,
      visitorLossPct: null,
      visitorJitterMs: null,
      repRttMs: null,
      repLossPct: null,
      repJitterMs: null,
    },
    lead: { trail: [{ kind: KIND, text: `Browser call started: ${repName} accepted, connecting in the browser`, data: { offerId: offer.offerId } }] },
  };
}

/**
 * One side's report. `connected`: the first one sets the connect time, the trail says how long
 * after the accept, and a lead never called before has its first call attempt now (speed-to-lead
 * counts a connected browser call as one); the other side's echo changes nothing. `ended`: the
 * first one ends the call (who, how long, that side's quality on the trail); the other side's
 * adds its quality to the row only. Reports after the call ended change nothing but quality.
 */
export function planCallReport(call: CallRow, lead: { firstCallAt: number | null }, side: CallSide, report: CallReport, now: number): CallReportPlan {
  if (report.event === 'connected') {
    if (call.connectedAt !== null || call.endedAt !== null) return NOTHING;
    const line = { kind: KIND, text: `Browser call connected ${durationText(now - call.acceptedAt)} after the accept`, data: { offerId: call.offerId } };
    // The same first-call rule as a click on the lead's phone number.
    const first = planFirstCall(lead, now);
    return { call: { connectedAt: now }, lead: { ...(first?.lead ? { lead: first.lead } : {}), trail: [line, ...(first?.trail ?? [])] } };
  }
  const quality = report.quality ? qualityColumns(side, report.quality) : {};
  if (call.endedAt !== null) return Object.keys(quality).length ? { call: quality, lead: null } : NOTHING;
  const endedBy: CallEnder = report.reason === 'failed' ? 'network' : side;
  const durationMs = call.connectedAt === null ? null : Math.max(0, now - call.connectedAt);
  return {
    call: { ...quality, endedAt: now, endedBy, durationMs },
    lead: { trail: [{ kind: KIND, text: endedText(endedBy, durationMs, report.quality ?? null), data: { offerId: call.offerId, endedBy, durationMs } }] },
  };
}

const ENDER_TEXT: Record<CallEnder, string> = {
  visitor: 'the visitor hung up',
  rep: 'the rep hung up',
  network: 'the connection failed',
};

/** `Browser call ended after 2 min 14 s: the visitor hung up · round trip 42 ms, loss 0.1%, jitter 3 ms`. */
export function endedText(endedBy: CallEnder, durationMs: number | null, quality: CallQuality | null): string {
  const when = durationMs === null ? 'Browser call ended before voice connected' : `Browser call ended after ${durationText(durationMs)}`;
  const figures = quality ? qualityText(quality) : null;
  return `${when}: ${ENDER_TEXT[endedBy]}${figures ? ` · ${figures}` : ''}`;
}

/** The figures a side measured, in words; null when it had none. */
export function qualityText(q: CallQuality): string | null {
  const parts = [
    q.rttMs === null ? null : `round trip ${Math.round(q.rttMs)} ms`,
    q.packetLossPct === null ? null : `loss ${q.packetLossPct.toFixed(1)}%`,
    q.jitterMs === null ? null : `jitter ${Math.round(q.jitterMs)} ms`,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : null;
}

function qualityColumns(side: CallSide, q: CallQuality): CallChange {
  return side === 'visitor'
    ? { visitorRttMs: q.rttMs, visitorLossPct: q.packetLossPct, visitorJitterMs: q.jitterMs }
    : { repRttMs: q.rttMs, repLossPct: q.packetLossPct, repJitterMs: q.jitterMs };
}
