// The queue's HTTP calls beyond console/api.ts: the full lead card, outcomes with the sales
// qualification, notes, follow-ups, booked callbacks, filtered "my leads", the team's warm MQLs
// and claiming one.
import type { LeadCard, MyLeadRow, SalesQualification, UpcomingCallback } from '../../shared/api';
import type { FollowUpTask, MyLeadsFilter, NoteBody, OutcomeBody, WarmLead } from '../../shared/console-api';
import { request } from '../api';

/** One behaviour event on the lead's trail (page view, download, click...). */
export type PageTrailEntry = NonNullable<LeadCard['pageTrail']>[number];
export type LeadSource = NonNullable<LeadCard['source']>;
export type LeadNote = NonNullable<LeadCard['notes']>[number];
export type { SalesQualification, UpcomingCallback };

/** The card with the optional fields the lead card endpoint fills (an offer's card may lack them). */
export type FullLeadCard = LeadCard;

export type MyLeadItem = MyLeadRow;

export type { FollowUpTask, MyLeadsFilter, WarmLead };

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
  logOutcome: (id: string, body: OutcomeBody) => request<FullLeadCard>('POST', `${lead(id)}/outcome`, body),
  addNote: (id: string, text: string) => request<FullLeadCard>('POST', `${lead(id)}/notes`, { text } satisfies NoteBody),
  myLeads: (filter: MyLeadsFilter) => request<MyLeadItem[]>('GET', `${base}/leads/mine${mineQuery(filter)}`),
  followUps: () => request<FollowUpTask[]>('GET', `${base}/follow-ups`),
  upcoming: () => request<UpcomingCallback[]>('GET', `${base}/upcoming`),
  warmLeads: () => request<WarmLead[]>('GET', `${base}/leads/warm`),
  claim: (id: string) => request<FullLeadCard>('POST', `${lead(id)}/claim`),
};
