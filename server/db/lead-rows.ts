// What both dialects' lead operations share without touching the database (what a capture
// writes is planned in capture/plan-capture.core.ts, what an outcome writes in
// routing/plan-outcome.core.ts).

export { WEEKDAYS_9_TO_5 } from '../routing/routing-defaults';
