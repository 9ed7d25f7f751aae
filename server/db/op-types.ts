// The slices of the Store each operation group implements, named once so the SQLite and
// PostgreSQL groups promise exactly the same methods.
import type { Store } from './store';

export type RoutingOps = Pick<
  Store,
  | 'markHot'
  | 'routeLead'
  | 'routeWaiting'
  | 'workspacesWaiting'
  | 'routingSnapshot'
  | 'draftSnapshot'
  | 'acceptOffer'
  | 'declineOffer'
  | 'expireOffer'
  | 'openOffers'
  | 'openOffersForRep'
  | 'offerView'
  | 'offerViews'
  | 'callFacts'
  | 'waitingLeads'
  | 'repStates'
  | 'recordSlaBreach'
  | 'pendingSla'
  | 'visitorFacts'
  | 'scheduleCallback'
  | 'scheduledLeads'
  | 'bookedCallbacks'
  | 'warmLeads'
  | 'dueWork'
  | 'claimManagerAlert'
  | 'pendingManagerAlerts'
  | 'claimFollowUpNotice'
  | 'followUpNotices'
>;

export type ConfigOps = Pick<
  Store,
  | 'createTeam'
  | 'updateTeam'
  | 'setTeamMembers'
  | 'teams'
  | 'createRoutingRule'
  | 'updateRoutingRule'
  | 'deleteRoutingRule'
  | 'routingRules'
  | 'updateRep'
  | 'setAccountOwner'
  | 'updateSiteRouting'
  | 'reorderRoutingRules'
  | 'repSettings'
  | 'accountOwners'
  | 'setAccountOwners'
  | 'createSite'
>;

export type LeadOps = Pick<Store, 'leadCard' | 'leadWorkspace' | 'myLeads' | 'recordCallAttempt' | 'recordOutcome' | 'recordCrmOutcome' | 'followUps'>;

export type CaptureOps = Pick<Store, 'commitCapture'>;

export type CallOps = Pick<Store, 'browserCallStarted' | 'recordCallReport' | 'browserCall'>;
