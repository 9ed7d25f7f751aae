// The demo's last 45 days, decided purely from a seed and `now`: who asked for a call, from which
// channel and campaign, how each rep answers the offers they get, how long the first call took
// and what each lead became (faster calls convert better), so every section of Numbers has
// figures on a first start. seed-history.ts plays it through the store's own operations.

/** How far back the history goes. */
export const HISTORY_DAYS = 45;
/** Leads per day on average (weekdays more, weekends fewer). */
const LEADS_PER_DAY = 5;
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo on every install. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a lead came from: the page it asked from (with its UTM tags) and that page's referrer. */
interface Origin {
  weight: number;
  pageUrl: string;
  referrer: string | null;
}

const SITE = 'https://acme-kitchens.example';
/** Paid search, organic, email, social, referral and direct, with their campaigns. */
const ORIGINS: Origin[] = [
  { weight: 22, pageUrl: `${SITE}/combi-ovens?utm_source=google&utm_medium=cpc&utm_campaign=combi-ovens-q4`, referrer: 'https://www.google.com/' },
  { weight: 10, pageUrl: `${SITE}/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand`, referrer: 'https://www.google.com/' },
  { weight: 6, pageUrl: `${SITE}/refrigeration?utm_source=bing&utm_medium=cpc&utm_campaign=walk-in-coolers`, referrer: 'https://www.bing.com/' },
  { weight: 18, pageUrl: `${SITE}/guides/kitchen-layout`, referrer: 'https://www.google.com/' },
  { weight: 12, pageUrl: `${SITE}/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=november-newsletter`, referrer: null },
  { weight: 5, pageUrl: `${SITE}/trade-in?utm_source=hubspot&utm_medium=email&utm_campaign=trade-in-offer`, referrer: null },
  { weight: 9, pageUrl: `${SITE}/combi-ovens?utm_source=linkedin&utm_medium=paidsocial&utm_campaign=chef-owners`, referrer: 'https://www.linkedin.com/' },
  { weight: 4, pageUrl: `${SITE}/case-studies`, referrer: 'https://www.instagram.com/' },
  { weight: 7, pageUrl: `${SITE}/dealers`, referrer: 'https://www.foodservice-weekly.example/best-suppliers-2026' },
  { weight: 9, pageUrl: `${SITE}/`, referrer: null },
];

/** Where a lead's visitor first came from on an earlier visit (organic, social, a referral), days before asking. */
const FIRST_VISITS: Origin[] = [
  { weight: 5, pageUrl: `${SITE}/guides/kitchen-layout`, referrer: 'https://www.google.com/' },
  { weight: 2, pageUrl: `${SITE}/case-studies?utm_source=linkedin&utm_medium=social&utm_campaign=chef-stories`, referrer: 'https://www.linkedin.com/' },
  { weight: 2, pageUrl: `${SITE}/dealers`, referrer: 'https://www.foodservice-weekly.example/best-suppliers-2026' },
];

/** An earlier visit of the lead's visitor: when (before the capture), the page and where it came from. */
export interface EarlierVisit {
  beforeMs: number;
  landingUrl: string;
  referrer: string | null;
  utm: { source?: string; medium?: string; campaign?: string };
}

/** The UTM tags of a page address, as the widget reports them with a visit. */
function utmOf(url: string): EarlierVisit['utm'] {
  const q = new URL(url).searchParams;
  const utm: EarlierVisit['utm'] = {};
  for (const k of ['source', 'medium', 'campaign'] as const) {
    const v = q.get(`utm_${k}`);
    if (v) utm[k] = v;
  }
  return utm;
}

/** A rep's habits with offers: shares of accept / decline / let expire, and how quickly they accept. */
export interface RepHabit {
  email: string;
  name: string;
  accept: number;
  decline: number;
  /** The rest expires. */
  acceptWithinMs: number;
  declineReasons: string[];
}

/** The demo's reps: Dana answers nearly everything fast; Sam declines; Priya and Tom often miss. */
export const REP_HABITS: RepHabit[] = [
  { email: 'dana@demo.sixty', name: 'Dana Reyes', accept: 0.86, decline: 0.06, acceptWithinMs: 12 * S, declineReasons: ['On another call'] },
  {
    email: 'sam@demo.sixty',
    name: 'Sam Okafor',
    accept: 0.62,
    decline: 0.26,
    acceptWithinMs: 16 * S,
    declineReasons: ['On another call', 'Not my territory', 'In a meeting'],
  },
  { email: 'priya@demo.sixty', name: 'Priya Nair', accept: 0.58, decline: 0.08, acceptWithinMs: 18 * S, declineReasons: ['In a meeting'] },
  { email: 'tom@demo.sixty', name: 'Tom Becker', accept: 0.45, decline: 0.12, acceptWithinMs: 19 * S, declineReasons: ['Lunch break', 'Not my territory'] },
];

export type OfferAnswer = { kind: 'accept'; afterMs: number } | { kind: 'decline'; afterMs: number; reason: string } | { kind: 'expire' };

/** What a rep does with one offer, from one draw per choice. */
export function answerOffer(habit: RepHabit, timeoutMs: number, draw: () => number): OfferAnswer {
  const u = draw();
  const after = Math.round(2 * S + draw() * Math.min(habit.acceptWithinMs, timeoutMs - 3 * S));
  if (u < habit.accept) return { kind: 'accept', afterMs: after };
  if (u < habit.accept + habit.decline)
    return { kind: 'decline', afterMs: after, reason: habit.declineReasons[Math.floor(draw() * habit.declineReasons.length)]! };
  return { kind: 'expire' };
}

/** Hand-raise to first call: the speed-pays buckets, with how likely each is and how it converts. */
/** `sql`: share that reaches SQL; `won`: share of those SQLs won. */
const CALL_WAITS: Array<{ weight: number; sql: number; won: number } & ({ from: number; to: number } | { never: true })> = [
  { weight: 30, from: 20 * S, to: MIN, sql: 0.5, won: 0.45 },
  { weight: 26, from: MIN, to: 5 * MIN, sql: 0.36, won: 0.35 },
  { weight: 18, from: 5 * MIN, to: 30 * MIN, sql: 0.22, won: 0.28 },
  { weight: 14, from: 30 * MIN, to: 24 * H, sql: 0.12, won: 0.2 },
  { weight: 7, from: 24 * H, to: 3 * DAY, sql: 0.06, won: 0.1 },
  { weight: 5, never: true, sql: 0, won: 0 },
];

export type Became =
  | { kind: 'sal' }
  | { kind: 'nurture'; reason: string }
  | { kind: 'sql' }
  | { kind: 'opportunity'; value: number }
  | { kind: 'won'; value: number }
  | { kind: 'lost'; value: number; reason: string };

/** One lead of the history, in the order it arrived. */
export interface HistoryLead {
  at: number;
  name: string;
  phone: string;
  email: string;
  pageUrl: string;
  referrer: string | null;
  answers: Record<string, string>;
  /** Wait from the hand-raise to the first call, null: never called. */
  callAfterMs: number | null;
  became: Became;
  /** A visit days before, from another channel (first touch differs from last), or null: the capture is its only touch. */
  earlier: EarlierVisit | null;
  /** When the lead reached SQL, opportunity and its close, after the first call. */
  stepGapsMs: number[];
}

const FIRST = ['Maria', 'James', 'Aisha', 'Luca', 'Chen', 'Olivia', 'Noah', 'Fatima', 'Diego', 'Hannah', 'Kenji', 'Sofia', 'Ravi', 'Emma', 'Marek', 'Zoe'];
const LAST = [
  'Garcia',
  'Smith',
  'Khan',
  'Rossi',
  'Wang',
  'Brown',
  'Müller',
  'Haddad',
  'Silva',
  'Novak',
  'Tanaka',
  'Lopez',
  'Patel',
  'Clarke',
  'Kowalski',
  'Dubois',
];
const COMPANIES = ['bistro', 'grill', 'catering', 'hotels', 'diner', 'kitchen', 'eats', 'foods'];
const LOST_REASONS = ['Went with a cheaper supplier', 'Budget frozen until next year', 'Chose to lease instead', 'No decision maker reached'];
const NURTURE_REASONS = ['Not buying this quarter', 'Only researching prices'];
/** Deal sizes of a commercial kitchen fit-out, in the workspace's currency. */
const DEAL_SIZES = [4_800, 7_500, 9_900, 12_400, 18_000, 24_500, 36_000];

function pick<T extends { weight: number }>(items: readonly T[], u: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = u * total;
  for (const i of items) if ((x -= i.weight) < 0) return i;
  return items.at(-1)!;
}

/**
 * The history's leads, oldest first, all captured in the last HISTORY_DAYS days before `now` and
 * at least a day before it; fixed for a seed (only their times move with `now`).
 */
export function planHistory(now: number, seed = 60): HistoryLead[] {
  const draw = prng(seed);
  const reachesSql = sqlSpreader();
  const start = Math.floor(now / DAY) * DAY - HISTORY_DAYS * DAY;
  const leads: HistoryLead[] = [];
  for (let day = 0; day < HISTORY_DAYS - 1; day++) {
    const weekday = new Date(start + day * DAY).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const count = Math.round((weekend ? 0.35 : 1.25) * LEADS_PER_DAY * (0.7 + 0.6 * draw()));
    const times = Array.from({ length: count }, () => start + day * DAY + Math.round((7 + 12 * draw()) * H)).sort((a, b) => a - b);
    for (const at of times) leads.push(planLead(at, leads.length, draw, now, reachesSql));
  }
  return leads;
}

/**
 * Which leads of a wait bucket reach SQL: each bucket's share, spread evenly over its leads in
 * arrival order (error diffusion), not drawn lead by lead. Any stretch of days then converts at
 * its bucket's rate give or take one lead, so "last month" shows faster calls converting better
 * whatever day the demo was seeded on; independent draws over a bucket of ten leads did not.
 */
function sqlSpreader(): (wait: (typeof CALL_WAITS)[number]) => boolean {
  const carried = new Map<object, number>();
  return (wait) => {
    const due = (carried.get(wait) ?? 0.5) + wait.sql;
    const reaches = due >= 1;
    carried.set(wait, reaches ? due - 1 : due);
    return reaches;
  };
}

function planLead(at: number, n: number, draw: () => number, now: number, reachesSql: ReturnType<typeof sqlSpreader>): HistoryLead {
  const origin = pick(ORIGINS, draw());
  const first = FIRST[Math.floor(draw() * FIRST.length)]!;
  const last = LAST[Math.floor(draw() * LAST.length)]!;
  const company = `${last.toLowerCase().replace(/[^a-z]/g, '')}${COMPANIES[n % COMPANIES.length]}`;
  // One lead in eight fails a must-have (residential work, a student): kept, never offered.
  const fails = draw() < 0.12;
  const answers = fails
    ? draw() < 0.6
      ? { projects: 'residential', size: '1-10', role: 'decision' }
      : { projects: 'commercial', size: '1-10', role: 'student' }
    : {
        projects: draw() < 0.75 ? 'commercial' : 'both',
        size: ['11-50', '51-200', '201+'][Math.floor(draw() * 3)]!,
        role: draw() < 0.65 ? 'decision' : 'evaluating',
      };
  const wait = pick(CALL_WAITS, draw());
  // Every call happened by now (an hour before, with its outcome logged), so no lead still waits for its first one.
  const callAfterMs = 'never' in wait ? null : Math.min(Math.round(wait.from + draw() * (wait.to - wait.from)), now - H - at);
  const value = DEAL_SIZES[Math.floor(draw() * DEAL_SIZES.length)]!;
  let became: Became;
  // Only the leads that pass the must-haves are called and counted in speed pays.
  if (!fails && reachesSql(wait)) {
    const v = draw();
    // Of the SQLs: some still at SQL, some open opportunities, the rest closed won (more often the faster the call) or lost.
    became =
      v < 0.25
        ? { kind: 'sql' }
        : v < 0.4
          ? { kind: 'opportunity', value }
          : v < 0.4 + 0.6 * (wait.won / 0.45)
            ? { kind: 'won', value }
            : { kind: 'lost', value, reason: LOST_REASONS[Math.floor(draw() * LOST_REASONS.length)]! };
  } else if (callAfterMs !== null && draw() < 0.35) became = { kind: 'nurture', reason: NURTURE_REASONS[Math.floor(draw() * NURTURE_REASONS.length)]! };
  else became = { kind: 'sal' };
  // A third of the leads came back through a campaign after finding the site another way first.
  const visit = draw() < 0.35 ? pick(FIRST_VISITS, draw()) : null;
  const earlier =
    visit && visit.referrer !== origin.referrer
      ? { beforeMs: Math.round((1 + draw() * 12) * DAY), landingUrl: visit.pageUrl, referrer: visit.referrer, utm: utmOf(visit.pageUrl) }
      : null;
  return {
    at,
    earlier,
    name: `${first} ${last}`,
    // 555-01xx numbers are reserved for fiction; the serial keeps each one unique.
    phone: `+1415555${String(1000 + (n % 9000)).padStart(4, '0')}`,
    email: `${first.toLowerCase()}@${company}.example`,
    pageUrl: origin.pageUrl,
    referrer: origin.referrer,
    answers,
    callAfterMs,
    became,
    stepGapsMs: [Math.round((0.5 + draw() * 2) * DAY), Math.round((1 + draw() * 4) * DAY), Math.round((2 + draw() * 10) * DAY)],
  };
}
