// What the capture needs from the running app, built once per entry point from its deps: the
// limits and the guard the admission counts against, the store that commits, the router that
// decides and pushes, and the tracking store's view of the visitor.
import type { AppDeps } from '../app';
import type { CaptureDeps } from './capture-lead';

export function captureDepsOf(deps: AppDeps): CaptureDeps {
  return {
    limiter: deps.limiter,
    limits: deps.config.limits,
    guard: deps.guard,
    botSettings: (siteId) => deps.tracking.settings(siteId),
    store: deps.store,
    router: deps.router,
    visitorHistory: (siteId, visitorId) => deps.tracking.visitorHistory(siteId, visitorId),
    linkVisitor: (siteId, visitorId, leadId) => deps.tracking.linkVisitorToLead(siteId, visitorId, leadId),
    clock: deps.clock,
  };
}
