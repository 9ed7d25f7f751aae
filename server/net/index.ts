// Requests the server sends to URLs that users or browsers supplied, and the rules for where they may go.
export { createGuardedFetch, OutboundFailure, type GuardedFetch, type OutboundRequest, type OutboundResponse } from './guarded-fetch';
export { targetOf, PUBLIC_ONLY, type AllowList } from './address-policy';
export { allowListFrom, fetchAllowFrom } from './allow-list';
