// The one admission every way of capturing a lead goes through (a callback request, an identify
// that would make a lead, and whatever entry point comes next), so the abuse protections cannot
// differ by door: the client address's limit, the site's limit, the per-phone daily cap (per
// workspace: a second site of the same company is no way around it), repeat requests joining the
// open lead, a nurtured person's lead coming back, and the bot checks. Each entry point only
// adapts its input and its answer.
//
// A person whose latest lead on the site is in nurture (by phone, whatever its age, and also when
// the request falls in the duplicate window of that lead) does not make a second lead: that lead
// returns from nurture (`returning`), re-qualified by the entry point and routed with its previous
// owner first (routing/turn-hot.core.ts). Within the window, a lead that is not in nurture is
// joined as before.
import type { Limits } from '../config';
import type { Site } from '../db/store';
import type { RateLimiter } from '../http/rate-limit';
import type { CallbackGuardStore } from '../callbacks/callback-guard-store';
import { leadOfEarlierRequest, WAIT_FOR_EARLIER_MS } from '../callbacks/earlier-request';
import { userAgentIsBot } from '../tracking/bot-filter';

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

export interface AdmissionDeps {
  limiter: RateLimiter;
  limits: Limits;
  guard: CallbackGuardStore;
  /** The site's bot settings: whether the User-Agent list applies, and the time-to-submit floor. */
  botSettings(siteId: string): Promise<{ botFilter: boolean; minSubmitMs: number }>;
}

export interface AdmissionRequest {
  site: Site;
  /** The client's address, as the rate limits see it. */
  clientIp: string;
  userAgent: string | undefined;
  /** E.164; empty for a browser call left without a number (no per-phone cap, repeat or return by phone). */
  phone: string;
  email: string | null;
  /** What the timeline says when this request joins an open lead. */
  repeatNote: string;
  /**
   * The visitor submitted a form (the widget's, later the site's own): its honeypot and
   * time-to-submit are checked. Null for captures that are not a form submission.
   */
  form: { hp?: string | undefined; tts?: number | undefined } | null;
  /** Idempotency key: a retry of a request already admitted is not counted again. */
  key: string | null;
  now: number;
}

export type Admission =
  /** Over a limit: answer 429 with Retry-After; nothing was recorded. */
  | { kind: 'refused'; retryAfterSec: number; what: string }
  /** A retry under an idempotency key the store already knows: it answers with the first lead. */
  | { kind: 'replay' }
  /** A repeat from the same person within the window: joined to their open lead (already noted). */
  | { kind: 'joined'; leadId: string }
  /**
   * The person's lead is in nurture: the request is tied to it, and the entry point brings it
   * back. `suspect` says why the request looks automated: then it stays in nurture (noted).
   */
  | { kind: 'returning'; leadId: string; suspect: string | null }
  /**
   * Admitted: make the lead, then `settle` it (or `release` when no lead came of it). `suspect`
   * says why the request looks automated: the lead is kept, never routed.
   */
  | {
      kind: 'admitted';
      suspect: string | null;
      /** The pending request: a capture that commits its lead settles it in the same transaction. */
      requestId: number;
      settle(leadId: string): Promise<void>;
      release(): Promise<void>;
    };

/** Decides whether a capture may make (or join) a lead; see the file comment. */
export async function admitLead(deps: AdmissionDeps, r: AdmissionRequest): Promise<Admission> {
  const { guard, limits, limiter } = deps;
  const { site } = r;
  // A retry of a request already admitted: its limits were counted the first time.
  if (r.key !== null && (await guard.keyUsed(site.id, r.key))) return { kind: 'replay' };

  for (const [key, limit, what] of [
    [`leads:ip:${r.clientIp}`, limits.callbacksPerIpPerMinute, 'requests from this address'],
    [`leads:site:${site.id}`, limits.callbacksPerSitePerMinute, 'requests for this site'],
  ] as const) {
    if (limit <= 0) continue;
    const hit = await limiter.hit(key, limit, MINUTE_MS, r.now);
    if (!hit.ok) return { kind: 'refused', retryAfterSec: hit.retryAfterSec, what };
  }

  // Nobody can have a stranger called over and over: a daily cap per phone number across the
  // workspace's sites, counted and recorded in one step so a burst cannot slip past it.
  // A request without a phone (a browser call) has no number to cap, to repeat or to come back by.
  const phone = r.phone || null;
  const window = limits.duplicateWindowMs;
  const cap = phone ? limits.callbacksPerPhonePerDay : 0;
  const admitted = await guard.admit({
    workspaceId: site.workspaceId,
    siteId: site.id,
    phone: r.phone,
    email: r.email,
    at: r.now,
    limit: cap > 0 ? cap : null,
    since: r.now - DAY_MS,
    // A repeat may arrive while the first request is still making its lead.
    pendingSince: window > 0 && phone ? r.now - Math.min(window, WAIT_FOR_EARLIER_MS) : null,
  });
  if (!admitted.ok)
    return { kind: 'refused', retryAfterSec: Math.max(1, Math.ceil((admitted.retryAt - r.now) / 1000)), what: 'requests for this phone number today' };
  const { requestId } = admitted;
  const release = () => guard.release(requestId);
  /** Ties the request to the nurtured lead; a request that looks automated is noted there and goes no further. */
  const returning = async (leadId: string): Promise<Admission> => {
    const suspect = await botReason(deps, r);
    await guard.settle({ requestId, workspaceId: site.workspaceId, leadId, at: r.now, note: suspect ? `${r.repeatNote}; not routed: ${suspect}` : null });
    return { kind: 'returning', leadId, suspect };
  };

  try {
    let joined: string | null = null;
    if (window > 0) {
      // A repeat from the same person joins their open lead instead of a second call, including a
      // lead the request ahead of it is making right now (a double submit).
      joined =
        (admitted.ahead !== null ? await leadOfEarlierRequest(guard, admitted.ahead) : null) ??
        (await guard.recentLead(site.id, phone, r.email, r.now - window));
      // The same request sent again under its key while the first was still running is a replay,
      // not a repeat: the store answers it with the first one's lead, and this slot goes back.
      if (joined && r.key !== null && (await guard.keyUsed(site.id, r.key))) {
        await release();
        return { kind: 'replay' };
      }
    }
    const nurtured = phone ? await guard.nurturedLead(site.id, phone) : null;
    if (nurtured && (joined === null || joined === nurtured)) return await returning(nurtured);
    if (joined) {
      // A number given now reaches a lead that had none (a browser call asked for without one).
      await guard.settle({ requestId, workspaceId: site.workspaceId, leadId: joined, at: r.now, note: r.repeatNote, phone });
      return { kind: 'joined', leadId: joined };
    }
    const suspect = await botReason(deps, r);
    return {
      kind: 'admitted',
      suspect,
      requestId,
      settle: (leadId) => guard.settle({ requestId, workspaceId: site.workspaceId, leadId, at: r.now, note: null }),
      release,
    };
  } catch (err) {
    await release().catch(() => undefined);
    throw err;
  }
}

/** Why this capture looks automated (a bot's User-Agent, a filled honeypot, a form sent faster than a person types), or null. */
async function botReason(deps: AdmissionDeps, r: AdmissionRequest): Promise<string | null> {
  const settings = await deps.botSettings(r.site.id);
  if (r.form?.hp) return 'Looks automated: filled a hidden form field';
  if (r.form?.tts !== undefined && settings.minSubmitMs > 0 && r.form.tts < settings.minSubmitMs)
    return `Looks automated: submitted ${r.form.tts} ms after the form opened`;
  if (settings.botFilter && userAgentIsBot(r.userAgent)) return 'Looks automated: sent by a program, not a browser (User-Agent)';
  return null;
}
