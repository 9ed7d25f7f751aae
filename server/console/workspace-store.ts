// Store operations behind the rep workspace and the supervisor view.
import type { MyLeadRow } from '../../shared/api';
import type { ActiveLead, Breach, SupervisorOffer, WaitingLead, WarmLead } from '../../shared/console-api';
import type { OpenOffer } from '../db/store';

/** What the supervisor view reads from the store; presence and booked callbacks come from elsewhere. */
export interface SupervisorView {
  offers: SupervisorOffer[];
  waiting: WaitingLead[];
  breachesToday: Breach[];
  load: Array<{ repId: string; openOffers: number; activeLeads: number }>;
  /** Leads reps hold with no outcome yet, oldest accept first: what a supervisor reassigns. */
  active: ActiveLead[];
}

export interface WorkspaceStore {
  mine(repId: string, filter: { stage?: string; dueBy?: number }): Promise<MyLeadRow[]>;
  warm(workspaceId: string, limit: number): Promise<WarmLead[]>;
  /** A rep pulls a warm MQL: they own it (SAL). `not_available` when someone else has it or it is not warm. */
  claim(leadId: string, repId: string, workspaceId: string, now: number): Promise<'ok' | 'not_found' | 'not_available'>;
  addNote(leadId: string, workspaceId: string, authorId: string, text: string, now: number): Promise<boolean>;
  supervisor(workspaceId: string, since: number): Promise<SupervisorView>;
  /** Moves an owned lead (and its open follow-ups) to another rep of the workspace. */
  reassign(leadId: string, toRepId: string, workspaceId: string, by: string, now: number): Promise<'ok' | 'not_found' | 'not_owned'>;
  /** Offers a lead nobody owns to one rep now, outside the rules; the normal timeout applies. */
  forceOffer(leadId: string, repId: string, workspaceId: string, by: string, now: number): Promise<OpenOffer | 'not_found' | 'owned' | 'already_offered'>;
}
