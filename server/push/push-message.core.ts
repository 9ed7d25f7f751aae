// What a push says and how it is sent (issue 22): the JSON the service worker reads, with the
// TTL, Urgency and Topic headers of RFC 8030, and what to do with a push service's answer.
// Pure: the delivery loop (device-push.service.ts) reads the rows and the clock and hands them in.
import { createHash } from 'node:crypto';
import type { OfferView } from '../../shared/api';
import type { UserNotice } from './device-push';

/** A notice is worth showing for an hour; after that the push service may drop it. */
export const NOTICE_TTL_S = 3600;
/** Reasons in an offer's notification body: the card shows three, a lock screen has room for two. */
const REASONS_SHOWN = 2;
/** Longest body: phones cut longer lines anyway, and less text is less personal data on a lock screen. */
const BODY_MAX = 120;
/** First retry after a push service said "later" (429, 5xx) or could not be reached; doubles each time. */
export const RETRY_BASE_MS = 1000;
/** Longest wait between two tries. */
const RETRY_MAX_MS = 30_000;

export type Urgency = 'high' | 'normal';

/** One push: its payload (JSON, encrypted before sending) and the headers that steer delivery. */
export interface PushMessage {
  payload: OfferPayload | ClosePayload | NoticePayload;
  ttlSeconds: number;
  urgency: Urgency;
  /** Replaces an undelivered push of the same topic at the push service (the close replaces its offer). */
  topic?: string;
}

export interface OfferPayload {
  v: 1;
  kind: 'offer';
  offerId: string;
  title: string;
  body: string;
  expiresAt: number;
  token: string;
  url: string;
}
export interface ClosePayload {
  v: 1;
  kind: 'close';
  offerId: string;
}
export interface NoticePayload {
  v: 1;
  kind: 'notice';
  tag: string;
  title: string;
  body: string;
  url: string;
}

/** The console's lead card (its hash route), which the notification opens. */
export const leadUrl = (leadId: string) => `/console/#/leads/${leadId}`;

/** The offer id as an RFC 8030 topic: at most 32 base64url characters (a UUID without dashes is exactly that). */
export function topicOf(offerId: string): string {
  const plain = offerId.replace(/[^A-Za-z0-9_]/g, '');
  return plain.length > 0 && plain.length <= 32 ? plain : createHash('sha256').update(offerId).digest('base64url').slice(0, 32);
}

function clip(text: string): string {
  return text.length <= BODY_MAX ? text : `${text.slice(0, BODY_MAX - 1)}…`;
}

/** Who and why, as the offer card says it: the company (else the site), then the strongest reasons. */
export function describeLead(lead: Pick<OfferView['lead'], 'company' | 'siteName' | 'qualification'>): string {
  const reasons = [...lead.qualification.reasons]
    .sort((a, b) => b.points - a.points)
    .slice(0, REASONS_SHOWN)
    .map((r) => r.text);
  return clip([lead.company || lead.siteName, ...reasons].join(' · '));
}

/** An offer for a rep's devices; the token lets the notification's Accept and Decline act without a session. */
export function offerMessage(view: OfferView, token: string, now: number): PushMessage {
  return {
    payload: {
      v: 1,
      kind: 'offer',
      offerId: view.offerId,
      title: `Hot lead: ${view.lead.name}`,
      body: describeLead(view.lead),
      expiresAt: view.expiresAt,
      token,
      url: leadUrl(view.leadId),
    },
    ttlSeconds: secondsLeft(view.expiresAt, now),
    urgency: 'high',
    topic: topicOf(view.offerId),
  };
}

/** Closes the offer's notification; its topic replaces the offer itself when that is still undelivered. */
export function closeMessage(offerId: string): PushMessage {
  return { payload: { v: 1, kind: 'close', offerId }, ttlSeconds: NOTICE_TTL_S, urgency: 'normal', topic: topicOf(offerId) };
}

const NOTICE_TITLES: Record<UserNotice['kind'], (name: string) => string> = {
  manager_alert: (name) => `Nobody has taken ${name} yet`,
  callback_due: (name) => `Callback due: ${name}`,
  follow_up_due: (name) => `Follow-up due: ${name}`,
};

/** A notice about a lead, for one user's devices. */
export function noticeMessage(notice: UserNotice, lead: Pick<OfferView['lead'], 'name' | 'company' | 'siteName' | 'qualification'>): PushMessage {
  return {
    payload: {
      v: 1,
      kind: 'notice',
      tag: `${notice.kind}:${notice.leadId}`,
      title: NOTICE_TITLES[notice.kind](lead.name),
      body: describeLead(lead),
      url: leadUrl(notice.leadId),
    },
    ttlSeconds: NOTICE_TTL_S,
    urgency: 'normal',
  };
}

/** Whole seconds until `expiresAt` (0 when past: "deliver now or never"). */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

/** What a push service's answer means for the subscription and the push. */
export type Verdict = 'delivered' | 'gone' | 'retry' | 'failed';

/** RFC 8030: 201 (some services 200/202) delivered; 404 and 410 the subscription is gone; 429 and 5xx try again later. */
export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 404 || status === 410) return 'gone';
  if (status === 429 || status >= 500) return 'retry';
  return 'failed';
}

/**
 * When to try again after the `attempt`-th failed try (1, 2…), or null when that would be at or
 * past `deadline` (a push for an offer is worth nothing once the offer has expired). A push
 * service's Retry-After, when given, is a floor.
 */
export function retryAt(attempt: number, now: number, deadline: number, retryAfterMs: number | null = null): number | null {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const at = now + Math.max(backoff, retryAfterMs ?? 0);
  return at < deadline ? at : null;
}

/** Retry-After in ms (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The VAPID `sub` claim (RFC 8292): a contact for the push service's operator. The mail sender
 * (SIXTY_MAIL_FROM) as mailto:, unless that is the local default and a public https URL is set.
 */
export function vapidSubject(mailFrom: string, publicUrl: string | null): string {
  const address = (/<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  const mail = /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
  const localMail = !mail || mail.endsWith('@localhost');
  if (localMail && publicUrl?.startsWith('https://')) return publicUrl;
  return `mailto:${mail ?? 'sixty@localhost'}`;
}
