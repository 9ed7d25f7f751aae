// The values routing falls back to when a site or a team has set none (or a stored row cannot be
// read): data, not decisions, so the stores may read them without importing a rule.
import { weeklyHours } from './hours.core';
import type { Cadence } from './routing.types';

/** Default cadence: six attempts over ten business days. */
export const DEFAULT_CADENCE: Cadence = { offsetsBusinessDays: [0, 1, 2, 4, 7, 10] };

/** Business days for a follow-up when the owner has no team or hours of their own. */
export const WEEKDAYS_9_TO_5 = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');
