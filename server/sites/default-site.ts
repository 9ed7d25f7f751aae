import { DEFAULT_RULES } from '../../shared/default-rules';
import type { Site } from '../db/store';
import { DEFAULT_CADENCE } from '../routing/plan-follow-up.core';
import { DEFAULT_SLA_MS } from '../routing/sla-cause.core';

/** A rep who lets this many offers in a row expire is set away and told why. */
export const DEFAULT_MISSED_OFFERS_BEFORE_AWAY = 2;

/** Push reaches a phone in a pocket more slowly than a socket reaches an open tab (issue 22). */
export const DEFAULT_DEVICE_TIMEOUT_MS = 45_000;

/** Re-exported for the server's callers; defined in shared/ because the console's tests use it too. */
export { DEFAULT_RULES };

export function DEFAULT_SITE(offerTimeoutMs: number): Omit<Site, 'id' | 'workspaceId' | 'name' | 'siteKey' | 'allowedOrigins'> {
  return {
    rules: DEFAULT_RULES,
    launcherText: 'Talk to sales in 60 seconds',
    phoneRegion: 'US',
    offerTimeoutMs,
    slaMs: DEFAULT_SLA_MS,
    missedOffersBeforeAway: DEFAULT_MISSED_OFFERS_BEFORE_AWAY,
    followUpCadence: DEFAULT_CADENCE,
    deviceTimeoutMs: DEFAULT_DEVICE_TIMEOUT_MS,
    deviceOrder: 'tabs_first',
  };
}
