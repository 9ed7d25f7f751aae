// The socket.io event maps, typed once and used by both ends (server and clients).
// Names are `domain:verb`. Acknowledgements are `Ack<T>`: only known error codes reach clients.
import type { ChosenPresence } from './schemas/console.schema';
import type { LeadCard, OfferView, VisitorStatus } from './api';
import type { CallReport, CallSignal, IceServersGrant } from './schemas/call.schema';

/** `no_device`: "Available on my devices" chosen with no device that push can reach. `rate_limited`: too many messages this second. */
export type AckError = 'invalid' | 'not_found' | 'already_taken' | 'expired' | 'forbidden' | 'internal' | 'no_device' | 'rate_limited';
/** `message`: what to tell the person, when the code alone would not say what to do; `fields`: what is wrong with which field (`invalid`). */
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: AckError; message?: string; fields?: Record<string, string> };

/** Browser-call signalling, the same on both namespaces: each side sends to, and hears from, the other party of the offer. */
export interface CallClientToServer {
  'call:signal': (signal: CallSignal, ack: (r: Ack) => void) => void;
  /** The ICE servers (with TURN credentials) for this call; only its two parties get them. */
  'call:ice-servers': (e: { offerId: string }, ack: (r: Ack<IceServersGrant>) => void) => void;
  /** What happened to the call (connected, ended), recorded on the lead's trail. */
  'call:report': (report: CallReport, ack: (r: Ack) => void) => void;
}

export interface CallServerToClient {
  'call:signal': (signal: CallSignal) => void;
}

/** Why an offer left a rep's screen. */
export type OfferClosedReason = 'accepted' | 'taken' | 'expired' | 'declined';

export interface RepServerToClient extends CallServerToClient {
  'offer:new': (offer: OfferView) => void;
  'offer:closed': (e: { offerId: string; reason: OfferClosedReason }) => void;
  /** A lead this rep owns changed (accepted in another tab, outcome logged...). */
  'lead:updated': (lead: LeadCard) => void;
  'presence:changed': (e: { presence: ChosenPresence; reason?: string }) => void;
}

export interface RepClientToServer extends CallClientToServer {
  'presence:set': (presence: ChosenPresence, ack: (r: Ack<{ presence: ChosenPresence }>) => void) => void;
  'offer:accept': (e: { offerId: string }, ack: (r: Ack<LeadCard>) => void) => void;
  'offer:decline': (e: { offerId: string; reason?: string }, ack: (r: Ack) => void) => void;
  /** Re-sync after (re)connecting: the server answers from committed state, not a buffer. */
  /** This tab can take browser calls now (a microphone is granted and present), or no longer can. */
  'calls:capable': (e: { capable: boolean }, ack: (r: Ack) => void) => void;
  'offers:sync': (ack: (r: Ack<{ presence: ChosenPresence; offers: OfferView[] }>) => void) => void;
}

export interface VisitorServerToClient extends CallServerToClient {
  'lead:status': (status: VisitorStatus) => void;
}

export type VisitorClientToServer = CallClientToServer;

/** socket.io namespaces. */
export const REP_NAMESPACE = '/rep';
export const VISITOR_NAMESPACE = '/visitor';
