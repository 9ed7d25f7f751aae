// The routing decision core: pure functions of (state, event, now), no I/O and no clock reads.
// The adapter (router.ts) wraps them with the store, timers and live pushes.
export * from './routing.types';
export { decideRouting, queueReason, FALLBACK_RULE } from './decide-routing.core';
export { matchRule, conditionHolds } from './match-rule.core';
export { leadFacts, countryOf, type LeadFields } from './lead-facts.core';
export { skipReason, effectiveHours, type EligibilityContext } from './check-eligibility.core';
export { pickRoundRobin, pickWeighted, byLeastRecentlyOffered, STRIDE } from './pick-rep.core';
export { derivePresence, atCapacity, DEFAULT_OFFER_CAPACITY, DEFAULT_LEAD_CAPACITY } from './derive-presence.core';
export { ALWAYS_OPEN, weeklyHours, isOpenAt, isOpenAllAt, nextOpenAt, addBusinessDays, localTime } from './hours.core';
export { slaBreachCause, DEFAULT_SLA_MS } from './sla-cause.core';
export { planFollowUp, DEFAULT_CADENCE, type FollowUpPlan } from './plan-follow-up.core';
export { slotSchedules } from './slot-schedules.core';
