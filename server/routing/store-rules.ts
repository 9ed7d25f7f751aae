// The rules a store applies inside its transactions, handed to it when it is opened: the store
// reads, locks or claims, calls the plan, and executes the writes; it never imports a rule
// (server/db imports only types from the cores, so every rule lives in exactly one place).
import { emailDomain, leadFacts } from './lead-facts.core';
import { teamsOfLead } from './lead-teams.core';
import { planBooking, planFirstCall, planSlaBreach } from './plan-booking.core';
import { planClaim, planForceOffer, planReassign } from './plan-hold.core';
import { planAccept, planApply, planDecline, planExpiry } from './plan-offers.core';
import { planNewRule } from './place-new-rule.core';
import { outcomeWrites, planOutcome } from './plan-outcome.core';
import { BEHAVIOUR, hotWrites, planTurnedHot } from './turn-hot.core';
import { reportFacts } from '../reports/report-facts.core';
import { FUNNEL_STAGES, funnelCounts } from '../reports/funnel.core';
import { attributionCounts } from '../reports/attribution.core';
import { planCallReport, planCallStarted } from '../calls/plan-call-report.core';
import { carryRoster } from './carry-roster.core';
import { planMeeting, planMeetingCancelled, planMeetingMoved, planMeetingResult } from '../booking/plan-meeting.core';

export const storeRules = {
  // Routing: a decision applied, the answers to an offer.
  planApply,
  planAccept,
  planDecline,
  planExpiry,
  planSlaBreach,
  planBooking,
  // Meetings a visitor books, moves or cancels (server/booking).
  planMeeting,
  planMeetingMoved,
  planMeetingCancelled,
  planMeetingResult,
  // A known lead turning hot (behaviour, a hand-raise, a return from nurture).
  behaviour: BEHAVIOUR,
  planTurnedHot,
  hotWrites,
  // The rep's calls and outcomes (stage machine and follow-up cadence).
  planFirstCall,
  planOutcome,
  outcomeWrites,
  // A browser call's record: its start and each side's report (server/calls).
  planCallStarted,
  planCallReport,
  // Who holds a lead: a claim from the warm list, a reassignment, a supervisor's offer.
  planClaim,
  planReassign,
  planForceOffer,
  // A batch's roster after one decision's writes, for the next decision (db/sqlite/group-commit.ts).
  carryRoster,
  // Where a new routing rule goes among a site's rules.
  planNewRule,
  // Reads that decide: a lead's routing facts, the teams a lead goes to.
  leadFacts,
  emailDomain,
  teamsOfLead,
  // A lead's report facts, kept on its row (db/report-rows.ts).
  reportFacts,
  // Which stage changes make each funnel step, for the reports' grouped read (db/report-rows.ts).
  funnelStages: FUNNEL_STAGES,
  // The funnel's and attribution's counts worked out lead by lead, for a range the database cannot
  // count alone (a lead without its stored facts): db/*/funnel-reads.ts, attribution-reads.ts.
  funnelCounts,
  attributionCounts,
};

export type StoreRules = typeof storeRules;
