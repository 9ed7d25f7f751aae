// The supervisor view's data (polled) and the two actions: reassign an owned lead, force-offer
// a lead nobody owns.
import type { LeadCard } from '../../shared/api';
import type { ForcedOffer, RepChoiceBody, SupervisorData } from '../../shared/console-api';
import { request } from '../api';

export type { ActiveLead, Breach, RepPresence, SupervisorData, SupervisorOffer, SupervisorRep, WaitingLead } from '../../shared/console-api';

const base = '/v1/console';
const lead = (id: string) => `${base}/leads/${encodeURIComponent(id)}`;

export const supervisorApi = {
  // No keepalive: a poll every two seconds has no reason to outlive the page.
  view: () => request<SupervisorData>('GET', `${base}/supervisor`, undefined, false),
  reassign: (leadId: string, repId: string) => request<LeadCard>('POST', `${lead(leadId)}/reassign`, { repId } satisfies RepChoiceBody),
  forceOffer: (leadId: string, repId: string) => request<ForcedOffer>('POST', `${lead(leadId)}/offer`, { repId } satisfies RepChoiceBody),
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
  // A rule's escalation ladder ran out (its trail says whether the managers were alerted).
  unanswered: 'Nobody accepted after every escalation step',
};

export function reasonText(code: string | null): string {
  if (!code) return 'Waiting';
  return REASON_TEXT[code] ?? code.replace(/_/g, ' ');
}
