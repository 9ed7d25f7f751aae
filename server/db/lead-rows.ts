// What both dialects' lead operations share without touching the database (what a capture
// writes is planned in capture/plan-capture.core.ts, what an outcome writes in
// routing/plan-outcome.core.ts).
import { weeklyHours } from '../routing/hours.core';

/** Business days for a follow-up when the owner has no team or hours of their own. */
export const WEEKDAYS_9_TO_5 = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');
