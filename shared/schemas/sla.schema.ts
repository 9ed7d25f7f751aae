// The marketing SLA as saved per workspace, its targets against this month's pace, and a
// manager's numbers digest by mail: request bodies (validated at the edge) and answers.
import { z } from 'zod';
import { isTimeZone } from './routing-config.schema';

/** A rate or share between 0 and 1; the console shows it as a percentage. */
const share = (what: string) =>
  z
    .number({ message: `Enter ${what} as a number` })
    .min(0, 'Use a share between 0 and 1 (0% to 100%)')
    .max(1, 'Use a share between 0 and 1 (0% to 100%)');
/** A conversion rate: 0 would need infinitely many leads. */
const rate = (what: string) => share(what).gt(0, 'Must be above 0: no stage converts nothing');
/** Money per month or per deal; the upper bound keeps sums exact in a double. */
const money = (what: string) => z.number({ message: `Enter ${what} as a number` }).max(1e12, 'At most 1,000,000,000,000');

/** `PUT /v1/console/sla`: the calculator's inputs (fractions, not percentages). */
export const marketingSlaSchema = z.strictObject({
  salesQuota: money('the quota').min(0, 'Cannot be negative'),
  marketingShare: share("marketing's share"),
  averageDealSize: money('the deal size').gt(0, 'Must be above 0'),
  leadToMql: rate('the lead to MQL rate'),
  mqlToSql: rate('the MQL to SQL rate'),
  sqlToCustomer: rate('the SQL to customer rate'),
});
export type MarketingSlaBody = z.input<typeof marketingSlaSchema>;

/** One save of the SLA: the inputs, who saved them and when. */
export interface SlaChange extends MarketingSlaBody {
  id: string;
  changedBy: string;
  changedByName: string;
  changedAt: number;
}

/** `GET /v1/console/sla`: the SLA in force (null: never saved) and earlier saves, newest first. */
export interface SlaView {
  current: SlaChange | null;
  history: SlaChange[];
}

/** `GET /v1/console/sla/pace?tz=`: the zone this month is taken in. */
export const paceQuerySchema = z.strictObject({
  tz: z.string().max(64).refine(isTimeZone, 'Unknown time zone').optional(),
});

/** One agreed monthly target against this month so far. */
export interface TargetPace {
  target: number;
  /** Counted since the month began. */
  actual: number;
  /** The target pro rata: what should be counted by now. */
  expected: number;
  /** Where the month ends at this pace (null at the very start of the month). */
  projected: number | null;
  behind: boolean;
}

/** Which side is behind the SLA this month, and why (server/sla/sla-pace.core.ts). */
export interface SlaPace {
  /** The month in the asked zone (epoch ms, [from, to)) and the instant judged. */
  month: { from: number; to: number };
  now: number;
  timeZone: string;
  /** Share of the month gone (0..1). */
  elapsed: number;
  mqls: TargetPace;
  sqls: TargetPace;
  /** MQL to SQL conversion this month against the agreed rate. */
  sqlRate: { agreed: number; actual: number | null; behind: boolean };
  /** Speed-to-lead this month: hand-raises, SLA breaches and the median time to accept. */
  speed: { handRaised: number; breaches: number; breachShare: number | null; medianAcceptMs: number | null; manyBreaches: boolean; slowAccept: boolean };
  behind: { marketing: boolean; sales: boolean };
  /** Plain sentences saying why each side is behind (empty: on pace). */
  reasons: string[];
}

/** `GET /v1/console/sla/pace`: null until an SLA is saved. */
export interface SlaPaceView {
  pace: SlaPace | null;
}

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** `PUT /v1/console/sla/digest`: the signed-in manager's own digest. */
export const digestPrefsSchema = z.strictObject({
  frequency: z.enum(DIGEST_FREQUENCIES, { message: 'Pick off, daily or weekly' }),
  timeZone: z.string().min(1, 'Pick a time zone').max(64).refine(isTimeZone, 'Unknown time zone'),
});
export type DigestPrefsBody = z.input<typeof digestPrefsSchema>;

/** `GET /v1/console/sla/digest`. */
export interface DigestPrefs extends DigestPrefsBody {
  /** Local time in `timeZone` the digest goes out (daily; weekly on Mondays). */
  sendsAt: string;
  /** False when the install has no SMTP server: nothing would be sent. */
  mailEnabled: boolean;
}
