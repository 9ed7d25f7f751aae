// A rep's presence as others see it, and whether they can take one more offer. A rep "Available
// on my devices" is reachable with no live tab, so shows as such whether a tab is open or not.
import type { Presence, RepState } from './routing.types';

/** Default capacity (issue 4): one open offer and five active leads at once. */
export const DEFAULT_OFFER_CAPACITY = 1;
export const DEFAULT_LEAD_CAPACITY = 5;

export function derivePresence(rep: Pick<RepState, 'online' | 'chosen' | 'openOffers' | 'activeLeads' | 'offerCapacity' | 'leadCapacity'>): Presence {
  if (rep.chosen === 'devices') return atCapacity(rep) ? 'busy' : 'devices';
  if (!rep.online) return 'offline';
  if (rep.chosen === 'away') return 'away';
  return atCapacity(rep) ? 'busy' : 'available';
}

/**
 * Full when the open offers reach the offer capacity, or when accepting every open offer would
 * exceed the lead capacity: so an accept can never put a rep over either.
 */
export function atCapacity(rep: Pick<RepState, 'openOffers' | 'activeLeads' | 'offerCapacity' | 'leadCapacity'>): boolean {
  return rep.openOffers >= rep.offerCapacity || rep.activeLeads + rep.openOffers >= rep.leadCapacity;
}

/** A rep reached through push (their choice), whose offers wait the site's longer device timeout. */
export const onDevices = (rep: Pick<RepState, 'chosen'>): boolean => rep.chosen === 'devices';
