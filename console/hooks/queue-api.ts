// The queue's HTTP calls beyond console/api.ts: the full lead card, outcomes with the sales
// qualification, notes, follow-ups, booked callbacks, filtered "my leads", the team's warm MQLs
// and claiming one.
import type { LeadCard, MyLeadRow, SalesQualification, Stage, UpcomingCallback } from '../../shared/api';
import type { CallResult, Outcome } from '../../shared/outcomes';
import { request } from '../api';

/** One behaviour event on the lead's trail (page view, download, click...). */
export type PageTrailEntry = NonNullable<LeadCard['pageTrail']>[number];
export type LeadSource = NonNullable<LeadCard['source']>;
export type LeadNote = NonNullable<LeadCard['notes']>[number];
export type { SalesQualification, UpcomingCallback };

/** The card with the optional fields the lead card endpoint fills (an offer's card may lack them). */
export type FullLeadCard = LeadCard;

export type MyLeadItem = MyLeadRow;

export interface FollowUpTask {
  id: string;
  leadId: string;
  leadName: string;
  phone: string;
  attempt: number;
  dueAt: number;
}

export interface WarmLead {
  id: string;
  name: string;
  score: number;
  reasons: string[];
  capturedAt: number;
  /** In the contract; absent from servers that do not say which team. */
  teamName?: string | null;
}

export interface OutcomeInput {
  outcome: Outcome;
  /** The call result saved with a decision about the lead (connected + SQL). */
  call?: CallResult;
  reason?: string;
  notes?: string;
  qualification?: SalesQualification;
}

export interface MyLeadsFilter {
  stage: Stage | '';
  due: boolean;
}

const base = '/v1/console';
const lead = (id: string) => `${base}/leads/${encodeURIComponent(id)}`;

function mineQuery({ stage, due }: MyLeadsFilter): string {
  const params = new URLSearchParams();
  if (stage) params.set('stage', stage);
  if (due) params.set('due', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const queueApi = {
  lead: (id: string) => request<FullLeadCard>('GET', lead(id)),
  recordCall: (id: string) => request<FullLeadCard>('POST', `${lead(id)}/call`),
  logOutcome: (id: string, body: OutcomeInput) => request<FullLeadCard>('POST', `${lead(id)}/outcome`, body),
  addNote: (id: string, text: string) => request<FullLeadCard>('POST', `${lead(id)}/notes`, { text }),
  myLeads: (filter: MyLeadsFilter) => request<MyLeadItem[]>('GET', `${base}/leads/mine${mineQuery(filter)}`),
  followUps: () => request<FollowUpTask[]>('GET', `${base}/follow-ups`),
  upcoming: () => request<UpcomingCallback[]>('GET', `${base}/upcoming`),
  warmLeads: () => request<WarmLead[]>('GET', `${base}/leads/warm`),
  claim: (id: string) => request<FullLeadCard>('POST', `${lead(id)}/claim`),
};
