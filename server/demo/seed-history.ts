// Plays the demo's history (demo-history.core.ts) through the operations real leads go through,
// each at its own time: the capture's plan and commit with its first routing pass, the reps'
// accepts, declines and expiries, SLA breaches at their due time, first calls and outcomes (SQL,
// opportunity, won, lost) by the stage machine, and a saved marketing SLA. So the report facts are
// written as they are for real leads, and Numbers shows the last 45 days on a first start.
import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/session';
import { planCapture, captureStage, qualifyCapture } from '../capture/plan-capture.core';
import type { AdminStore } from '../console/admin-store';
import type { CaptureRouting, OpenOffer, Site, Store } from '../db/store';
import { decideRouting } from '../routing/decide-routing.core';
import { waitsInQueue } from '../routing/visitor-status.core';
import type { SlaStore } from '../sla/sla-store';
import { INGEST_RULES } from '../tracking/plan-batch.core';
import type { TrackingStore } from '../tracking/tracking-store';
import { answerOffer, planHistory, prng, REP_HABITS, type HistoryLead, type RepHabit } from './demo-history.core';

/** The demo workspace the history is played into (seed.ts made it). */
export interface DemoWorkspace {
  workspaceId: string;
  site: Site;
  teamId: string;
  admin: { id: string; name: string };
  /** The demo users' password hash: the reps added here sign in with the same password. */
  passwordHash: string;
}

export interface HistoryDeps {
  store: Store;
  admin: AdminStore;
  sla: SlaStore;
  tracking: TrackingStore;
}

/** A rep gives up after this many rounds; the next rep offered takes the lead (none is left waiting). */
const MAX_ROUNDS = 6;
const S = 1000;
const MIN = 60 * S;
/** The qualification questions a rep answers to mark SQL (DOMAIN.md). */
const SQL_ANSWERS = {
  needs: 'Replacing two combi ovens and a walk-in cooler',
  currentSolution: 'Twelve-year-old units, frequent repairs',
  decisionMaker: 'Owner signs off',
  readyOrBudget: 'Budget approved for this quarter',
};
/** The marketing SLA the demo's manager agreed: targets near what the history delivers. */
const DEMO_SLA = { salesQuota: 300_000, marketingShare: 0.6, averageDealSize: 15_000, leadToMql: 0.7, mqlToSql: 0.3, sqlToCustomer: 0.3 };

/** Seeds the history; returns how many leads it captured. */
export async function seedDemoHistory(deps: HistoryDeps, ws: DemoWorkspace, now: number): Promise<number> {
  const { store } = deps;
  const reps = await addReps(deps, ws, now);
  // Offers go to reps who are available and connected, as they were over these weeks.
  for (const id of reps.keys()) await store.setPresence(id, 'available');
  // Each rep answers from a stream of their own: which rep the rotation reaches first (ties between
  // reps who joined together go by their random ids) does not change how each rep behaves.
  const draws = new Map([...reps.keys()].map((id, i) => [id, prng(6060 + i)]));
  await deps.sla.saveSla(ws.workspaceId, DEMO_SLA, ws.admin, now - 44 * 24 * 3600 * S);
  let count = 0;
  for (const lead of planHistory(now)) {
    await playLead(deps, ws, reps, lead, draws, now);
    count++;
  }
  // Back to the presence every new user starts with: each rep chooses when to take live offers.
  for (const id of reps.keys()) await store.setPresence(id, 'away');
  return count;
}

/** The demo's reps beyond Dana and Sam join by invitation, as a real team's do, into Sales. */
async function addReps(deps: HistoryDeps, ws: DemoWorkspace, now: number): Promise<Map<string, RepHabit>> {
  const habits = new Map<string, RepHabit>();
  const joinedAt = now - 60 * 24 * 3600 * S;
  for (const [i, habit] of REP_HABITS.entries()) {
    let user = await deps.store.userByEmail(habit.email);
    if (!user) {
      const token = hashToken(randomBytes(32).toString('base64url'));
      // One after the other, so the rotation's first pass among them follows the list.
      const at = joinedAt + i * MIN;
      await deps.admin.createInvite(
        { tokenHash: token, workspaceId: ws.workspaceId, email: habit.email, name: habit.name, role: 'rep', createdBy: ws.admin.id },
        at,
        60_000,
      );
      await deps.admin.acceptInvite(token, ws.passwordHash, at);
      user = await deps.store.userByEmail(habit.email);
    }
    if (user) habits.set(user.id, habit);
  }
  await deps.store.setTeamMembers(
    ws.teamId,
    [...habits.keys()].map((repId) => ({ repId })),
  );
  return habits;
}

function routingAt(online: ReadonlySet<string>, t: number): CaptureRouting {
  return { decide: (s) => decideRouting(s, t), online, waitsInQueue };
}

async function playLead(
  { store, tracking }: HistoryDeps,
  ws: DemoWorkspace,
  reps: Map<string, RepHabit>,
  lead: HistoryLead,
  draws: Map<string, () => number>,
  now: number,
): Promise<void> {
  const online = new Set(reps.keys());
  // An earlier visit goes through the tracking ingest as the widget's batch would: the visitor's first session touch.
  const visitorId = lead.earlier ? `demo-${lead.phone.slice(-4)}` : null;
  if (lead.earlier && visitorId) {
    const seenAt = lead.at - lead.earlier.beforeMs;
    await tracking.ingest(
      [
        {
          site: ws.site,
          visitorId,
          events: [{ type: 'page_view', url: lead.earlier.landingUrl, at: seenAt }],
          context: { ...(lead.earlier.referrer ? { referrer: lead.earlier.referrer } : {}), utm: lead.earlier.utm },
          identifiedPhone: null,
        },
      ],
      seenAt,
      INGEST_RULES,
    );
  }
  const history = visitorId ? await tracking.visitorHistory(ws.site.id, visitorId) : null;
  const qualification = qualifyCapture({
    site: ws.site,
    answers: lead.answers,
    email: lead.email,
    history,
    callbackRequested: true,
    suspect: null,
    now: lead.at,
  });
  const plan = planCapture({
    site: ws.site,
    name: lead.name,
    phoneE164: lead.phone,
    email: lead.email,
    answers: lead.answers,
    pageUrl: lead.pageUrl,
    referrer: lead.referrer,
    visitorId,
    qualification,
    stage: captureStage(qualification),
    idempotency: null,
    now: lead.at,
  });
  const captured = await store.commitCapture(plan, routingAt(online, lead.at));
  if (captured.kind !== 'created' || !captured.routed) return;
  const { leadId } = captured;
  const slaDueAt = captured.routed.slaDueAt;
  let breached = false;
  /** The SLA check fires at its due time when nobody accepted by then, as the router's timer does. */
  const reach = async (t: number) => {
    if (breached || slaDueAt === null || t < slaDueAt) return;
    breached = true;
    await store.recordSlaBreach(leadId, slaDueAt);
  };

  let offers: OpenOffer[] = captured.routed.offers;
  let t = lead.at;
  let owner: { repId: string; at: number } | null = null;
  for (let round = 0; !owner && offers.length && round <= MAX_ROUNDS; round++) {
    const timeout = offers[0]!.expiresAt - t;
    const answers = offers.map((offer) => ({
      offer,
      answer: round === MAX_ROUNDS ? ({ kind: 'accept', afterMs: 4 * S } as const) : answerOffer(reps.get(offer.repId)!, timeout, draws.get(offer.repId)!),
    }));
    const accepts = answers.flatMap((a) => (a.answer.kind === 'accept' ? [{ offer: a.offer, at: t + a.answer.afterMs }] : [])).sort((a, b) => a.at - b.at);
    const first = accepts[0];
    for (const a of answers) {
      if (a.answer.kind !== 'decline' || (first && t + a.answer.afterMs >= first.at)) continue;
      await reach(t + a.answer.afterMs);
      await store.declineOffer(a.offer.id, a.offer.repId, a.answer.reason, t + a.answer.afterMs);
    }
    if (first) {
      await reach(first.at);
      const r = await store.acceptOffer(first.offer.id, first.offer.repId, first.at);
      if (r.ok) owner = { repId: first.offer.repId, at: first.at };
      break;
    }
    const expiresAt = Math.max(...offers.map((o) => o.expiresAt));
    await reach(expiresAt);
    for (const o of offers) {
      const expired = await store.expireOffer(o.id, expiresAt);
      if (expired?.away) await store.setPresence(o.repId, 'available');
    }
    t = expiresAt;
    offers = (await store.routeLead(leadId, t, online, (s) => decideRouting(s, t)))?.offers ?? [];
  }
  if (owner) await followUp(store, ws, leadId, lead, owner, now);
}

/** The owner's first call and what the lead became, each step only when its time has come. */
async function followUp(store: Store, ws: DemoWorkspace, leadId: string, lead: HistoryLead, owner: { repId: string; at: number }, now: number): Promise<void> {
  if (lead.callAfterMs === null) {
    // Never called: a manager sends it to nurture days later (no call logged, so no first call), and it
    // holds no place among the owner's active leads.
    await store.recordOutcome(
      leadId,
      ws.admin.id,
      ws.workspaceId,
      { outcome: 'nurture', reason: 'Never called back' },
      Math.min(owner.at + 3 * 24 * 60 * MIN, now - MIN),
      true,
    );
    return;
  }
  let t = Math.max(owner.at + 5 * S, lead.at + lead.callAfterMs);
  if (t >= now) return;
  await store.recordCallAttempt(leadId, owner.repId, ws.workspaceId, t);
  const log = async (input: Parameters<Store['recordOutcome']>[3], at: number) => {
    if (at >= now) return false;
    await store.recordOutcome(leadId, owner.repId, ws.workspaceId, input, at);
    return true;
  };
  const b = lead.became;
  t += 4 * MIN;
  if (b.kind === 'sal') return void (await log({ outcome: 'connected' }, t));
  if (b.kind === 'nurture') return void (await log({ outcome: 'nurture', call: 'connected', reason: b.reason }, t));
  if (!(await log({ outcome: 'sql', call: 'connected', qualification: SQL_ANSWERS }, t)) || b.kind === 'sql') return;
  t += lead.stepGapsMs[1]!;
  if (!(await log({ outcome: 'opportunity', value: b.value }, t)) || b.kind === 'opportunity') return;
  t += lead.stepGapsMs[2]!;
  if (b.kind === 'won') await log({ outcome: 'won', value: b.value }, t);
  else await log({ outcome: 'lost', value: b.value, reason: b.reason }, t);
}
