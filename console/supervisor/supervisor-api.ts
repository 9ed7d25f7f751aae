// The supervisor view's data (polled) and the two actions: reassign an owned lead, force-offer
// a lead nobody owns.
import type { UpcomingCallback } from '../../shared/api';
import { request } from '../api';

export type RepPresence = 'available' | 'busy' | 'away' | 'offline';

export interface SupervisorRep {
  repId: string;
  name: string;
  presence: RepPresence;
  openOffers: number;
  activeLeads: number;
}

export interface SupervisorOffer {
  offerId: string;
  leadId: string;
  leadName: string;
  repName: string;
  offeredAt: number;
  expiresAt: number;
}

export interface WaitingLead {
  leadId: string;
  name: string;
  hotAt: number | null;
  queueReason: string | null;
}

export interface Breach {
  leadId: string;
  name: string;
  cause: string;
  at: number;
}

/** A lead a rep holds with no outcome logged yet: what a supervisor may reassign. */
export interface ActiveLead {
  leadId: string;
  name: string;
  ownerName: string;
  acceptedAt: number | null;
  stage: string;
}

export interface SupervisorData {
  reps: SupervisorRep[];
  offers: SupervisorOffer[];
  waiting: WaitingLead[];
  /** Callbacks visitors booked, soonest first: offered at their time. */
  booked: UpcomingCallback[];
  breachesToday: Breach[];
  active: ActiveLead[];
}

const base = '/v1/console';
const lead = (id: string) => `${base}/leads/${encodeURIComponent(id)}`;

export const supervisorApi = {
  // No keepalive: a poll every two seconds has no reason to outlive the page.
  view: () => request<SupervisorData>('GET', `${base}/supervisor`, undefined, false),
  reassign: (leadId: string, repId: string) => request<unknown>('POST', `${lead(leadId)}/reassign`, { repId }),
  forceOffer: (leadId: string, repId: string) => request<unknown>('POST', `${lead(leadId)}/offer`, { repId }),
};

/** Why a lead waits, or why its SLA was missed, in a manager's words. */
export const REASON_TEXT: Record<string, string> = {
  owner_wait: 'Waiting for its owner',
  nobody_online: 'Nobody online',
  nobody_available: 'Nobody available',
  out_of_hours: 'Out of hours',
  all_busy: 'Everyone busy',
  all_declined: 'Everyone declined',
  no_match: 'No routing rule matched',
  timeouts: 'Offers timed out',
};

export function reasonText(code: string | null): string {
  if (!code) return 'Waiting';
  return REASON_TEXT[code] ?? code.replace(/_/g, ' ');
}
