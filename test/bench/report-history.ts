// A workspace's history written straight into a real SQLite file: the file is created and migrated
// by the server's own `openDatabase`, and every row goes through a prepared insert built from the
// drizzle table it belongs to, in one transaction. Deterministic: the same sizes and seed give the
// same rows (ids, times, values), whatever day it runs. Used by the reports figure (figures/reports.ts).
import type { Database } from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { hashToken } from '../../server/auth/session';
import * as booking from '../../server/db/booking-schema';
import * as forms from '../../server/db/forms-schema';
import * as t from '../../server/db/schema';
import { openDatabase } from '../../server/db/sqlite/open';
import * as tracking from '../../server/db/tracking-schema';
import { DEFAULT_RULES } from '../../shared/default-rules';
import { emptyBehaviourState } from '../../shared/qualify/behaviour-score';

const DAY = 24 * 3600 * 1000;
const MIN = 60_000;

/** The history ends here (UTC), so generated times never depend on the day the bench runs. */
export const HISTORY_END = Date.UTC(2026, 10, 30);

export interface HistorySize {
  /** Leads of the measured workspace. */
  leads: number;
  /** Tracking events of the measured workspace. */
  events: number;
  /** Tracked visitors (some become leads). */
  visitors: number;
  sites: number;
  teams: number;
  repsPerTeam: number;
  /** Days of history before HISTORY_END. */
  days: number;
  /** Another tenant in the same file, this share of the sizes above, so every read must scope by workspace. */
  otherTenantShare: number;
}

export interface GeneratedHistory {
  workspaceId: string;
  /** A manager's session cookie (`sixty_session=...`) for the console API. */
  managerCookie: string;
  end: number;
  /** Rows written for the measured workspace, by table. */
  rows: Record<string, number>;
  seconds: number;
}

/** mulberry32: small, fast, good enough for plausible data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    /** Log-normal around `median` (spread: sigma of the log). */
    logNormal: (median: number, sigma: number) => {
      const u = Math.max(next(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
    /** A UUID-shaped id, as the server's randomUUID() ids look. */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
type Rng = ReturnType<typeof prng>;

/** A prepared insert of the given columns of one drizzle table: values by property name, booleans as 0/1. */
function inserter<T extends SQLiteTable, K extends keyof T['$inferInsert'] & string>(raw: Database, table: T, keys: readonly K[]) {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = keys.map((k) => `"${columns[k]!.name}"`);
  const stmt = raw.prepare(`insert into "${getTableName(table)}" (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`);
  let count = 0;
  const insert = (row: Pick<T['$inferInsert'], K>) => {
    count++;
    return stmt.run(keys.map((k) => (typeof row[k] === 'boolean' ? (row[k] ? 1 : 0) : (row[k] ?? null))));
  };
  return Object.assign(insert, { count: () => count });
}

const PAGES = ['/', '/pricing', '/products/ovens', '/products/fryers', '/case-studies/diner', '/blog/energy', '/contact', '/docs/install'];
/** Where visitors come from: UTM source, medium, campaigns, and the referrer a visit without UTM carries. */
const CHANNELS = [
  { weight: 30, source: null, medium: null, campaigns: [null], referrer: null },
  { weight: 25, source: 'google', medium: 'cpc', campaigns: ['brand', 'ovens-q1', 'fryers-q2', 'retarget'], referrer: 'https://www.google.com/' },
  { weight: 15, source: null, medium: null, campaigns: [null], referrer: 'https://www.google.com/' },
  { weight: 10, source: 'linkedin', medium: 'paid-social', campaigns: ['decision-makers', 'webinar-may'], referrer: 'https://www.linkedin.com/' },
  { weight: 10, source: 'newsletter', medium: 'email', campaigns: ['monthly', 'launch'], referrer: null },
  { weight: 5, source: null, medium: null, campaigns: [null], referrer: 'https://www.bing.com/' },
  { weight: 5, source: 'partner', medium: 'referral', campaigns: ['dealer-network'], referrer: 'https://partner.example.net/' },
] as const;
const CHANNEL_WEIGHT = CHANNELS.reduce((s, c) => s + c.weight, 0);
const NURTURE_REASONS = ['No budget this year', 'Timing: next quarter', 'Just researching', 'Went quiet'];
const DISQUALIFY_REASONS = ['Residential, not commercial', 'Outside our territory', 'Student project', 'Competitor'];
const LOST_REASONS = ['Price', 'Chose a competitor', 'No decision', 'Lost budget'];
const DECLINE_REASONS = ['busy', 'not my territory', 'on another call'];
const FORM_KEYS = ['contact', 'demo-request', 'quote'];

function createInserters(raw: Database) {
  return {
    workspace: inserter(raw, t.workspaces, ['id', 'name', 'currency', 'createdAt']),
    site: inserter(raw, t.sites, [
      'id',
      'workspaceId',
      'name',
      'siteKey',
      'allowedOrigins',
      'rules',
      'launcherText',
      'phoneRegion',
      'offerTimeoutMs',
      'createdAt',
    ]),
    user: inserter(raw, t.users, ['id', 'workspaceId', 'email', 'name', 'role', 'passwordHash', 'createdAt']),
    session: inserter(raw, t.sessions, ['tokenHash', 'userId', 'workspaceId', 'createdAt', 'expiresAt']),
    team: inserter(raw, t.teams, ['id', 'workspaceId', 'name', 'hours', 'createdAt']),
    member: inserter(raw, t.teamMembers, ['teamId', 'repId', 'workspaceId', 'weight']),
    rule: inserter(raw, t.routingRules, ['id', 'workspaceId', 'siteId', 'position', 'name', 'conditions', 'teamId', 'strategy', 'createdAt']),
    visitor: inserter(raw, tracking.visitors, [
      'siteId',
      'visitorId',
      'workspaceId',
      'firstSeenAt',
      'lastSeenAt',
      'referrer',
      'utmSource',
      'utmMedium',
      'utmCampaign',
      'landingUrl',
      'visits',
      'behaviour',
      'score',
      'mql',
      'hot',
      'rulesVersion',
      'leadId',
      'isBot',
    ]),
    touch: inserter(raw, tracking.visitorTouches, [
      'workspaceId',
      'siteId',
      'visitorId',
      'leadId',
      'kind',
      'at',
      'landingUrl',
      'referrer',
      'utmSource',
      'utmMedium',
      'utmCampaign',
    ]),
    event: inserter(raw, tracking.events, ['workspaceId', 'siteId', 'visitorId', 'type', 'name', 'url', 'clientAt', 'at', 'props']),
    lead: inserter(raw, t.leads, [
      'id',
      'workspaceId',
      'siteId',
      'name',
      'phone',
      'email',
      'visitorId',
      'pageUrl',
      'referrer',
      'answers',
      'stage',
      'fit',
      'score',
      'mql',
      'hot',
      'reasons',
      'rulesVersion',
      'routing',
      'ownerId',
      'outcome',
      'hotAt',
      'slaDueAt',
      'ruleId',
      'contactAttempts',
      'capturedAt',
      'qualifiedAt',
      'firstOfferedAt',
      'acceptedAt',
      'firstCallAt',
      'outcomeAt',
      'dealValue',
      'closedAt',
    ]),
    change: inserter(raw, t.stageChanges, ['workspaceId', 'leadId', 'fromStage', 'toStage', 'actor', 'reason', 'at']),
    offer: inserter(raw, t.offers, ['id', 'workspaceId', 'leadId', 'repId', 'status', 'offeredAt', 'expiresAt', 'respondedAt', 'reason', 'step', 'ruleId']),
    leadEvent: inserter(raw, t.leadEvents, ['workspaceId', 'leadId', 'kind', 'text', 'at']),
    breach: inserter(raw, t.slaBreaches, ['workspaceId', 'siteId', 'leadId', 'dueAt', 'cause', 'at']),
    booking: inserter(raw, booking.bookings, [
      'id',
      'workspaceId',
      'siteId',
      'leadId',
      'repId',
      'startAt',
      'endAt',
      'status',
      'uid',
      'sequence',
      'createdAt',
      'updatedAt',
    ]),
    formSeen: inserter(raw, forms.formsSeen, ['siteId', 'formKey', 'workspaceId', 'name', 'pageUrl', 'fields', 'submissions', 'firstSeenAt', 'lastSeenAt']),
    submission: inserter(raw, forms.formSubmissions, ['workspaceId', 'siteId', 'formKey', 'leadId', 'pageUrl', 'answers', 'at']),
  };
}
type Inserters = ReturnType<typeof createInserters>;

/**
 * Writes `size`'s history into `path` (a new file, created and migrated by `openDatabase`) and
 * returns the measured workspace, a manager's session and the row counts.
 */
export function generateHistory(path: string, size: HistorySize, seed = 21): GeneratedHistory {
  const started = performance.now();
  const db = openDatabase(path);
  const raw = db.$client;
  const ins = createInserters(raw);
  const rng = prng(seed);
  const end = HISTORY_END;
  let measured: { workspaceId: string; managerCookie: string } | null = null;
  const before: Record<string, number> = {};
  const counted = () => Object.fromEntries(Object.entries(ins).map(([k, f]) => [k, f.count()]));

  raw.transaction(() => {
    // The other tenant first: the measured workspace's rows come last, as a newer tenant's would.
    if (size.otherTenantShare > 0) {
      const s = size.otherTenantShare;
      const scaled = (n: number) => Math.max(1, Math.round(n * s));
      writeWorkspace(ins, rng, end, { ...size, leads: scaled(size.leads), events: scaled(size.events), visitors: scaled(size.visitors) }, 'Other tenant');
    }
    Object.assign(before, counted());
    measured = writeWorkspace(ins, rng, end, size, 'Bench reports');
  })();
  const after = counted();
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const rows = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
  const m = measured as unknown as { workspaceId: string; managerCookie: string };
  return { ...m, end, rows, seconds: (performance.now() - started) / 1000 };
}

function writeWorkspace(ins: Inserters, rng: Rng, end: number, size: HistorySize, name: string) {
  const start = end - size.days * DAY;
  const workspaceId = rng.uuid();
  ins.workspace({ id: workspaceId, name, currency: 'USD', createdAt: start - 30 * DAY });

  const rulesJson = JSON.stringify(DEFAULT_RULES);
  const behaviour = JSON.stringify(emptyBehaviourState(DEFAULT_RULES.version));
  const sites = Array.from({ length: size.sites }, (_, i) => {
    const site = { id: rng.uuid(), host: `https://www.site${i + 1}.example.com`, name: `Site ${i + 1}` };
    ins.site({
      id: site.id,
      workspaceId,
      name: site.name,
      siteKey: `key_${site.id.slice(0, 8)}_${i}`,
      allowedOrigins: JSON.stringify([site.host]),
      rules: rulesJson,
      launcherText: 'Talk to sales in 60 seconds',
      phoneRegion: 'US',
      offerTimeoutMs: 30_000,
      createdAt: start - 30 * DAY,
    });
    return site;
  });

  const managerId = rng.uuid();
  ins.user({
    id: managerId,
    workspaceId,
    email: `manager.${workspaceId.slice(0, 8)}@bench.sixty`,
    name: 'Morgan Manager',
    role: 'manager',
    passwordHash: 'x',
    createdAt: start,
  });
  const token = `bench-reports-${workspaceId}`;
  ins.session({ tokenHash: hashToken(token), userId: managerId, workspaceId, createdAt: end, expiresAt: end + 100 * 365 * DAY });

  const hours = JSON.stringify({ timeZone: 'America/New_York', weekly: [], holidays: [] });
  const teams = Array.from({ length: size.teams }, (_, i) => {
    const id = rng.uuid();
    ins.team({ id, workspaceId, name: `Team ${String.fromCharCode(65 + i)}`, hours, createdAt: start });
    const reps = Array.from({ length: size.repsPerTeam }, (_, j) => {
      const rep = rng.uuid();
      ins.user({
        id: rep,
        workspaceId,
        email: `rep${i}-${j}.${workspaceId.slice(0, 8)}@bench.sixty`,
        name: `Rep ${i + 1}-${j + 1}`,
        role: 'rep',
        passwordHash: 'x',
        createdAt: start,
      });
      ins.member({ teamId: id, repId: rep, workspaceId, weight: 1 + (j % 3) });
      return rep;
    });
    return { id, reps };
  });
  const rules = sites.map((site, i) => {
    const id = rng.uuid();
    const team = teams[i % teams.length]!;
    ins.rule({
      id,
      workspaceId,
      siteId: site.id,
      position: 0,
      name: `All leads of ${site.name}`,
      conditions: '[]',
      teamId: team.id,
      strategy: 'round_robin',
      createdAt: start,
    });
    return { id, team };
  });
  for (const site of sites)
    for (const key of FORM_KEYS)
      ins.formSeen({
        siteId: site.id,
        formKey: key,
        workspaceId,
        name: key.replace('-', ' '),
        pageUrl: `${site.host}/contact`,
        fields: '[]',
        submissions: 0,
        firstSeenAt: start,
        lastSeenAt: end,
      });

  // Visitors: first seen over the range, traffic growing by half over it; a share are bots.
  const nVisitors = size.visitors;
  const vSite = new Int32Array(nVisitors);
  const vFirst = new Float64Array(nVisitors);
  const vLast = new Float64Array(nVisitors);
  const vIds: string[] = new Array(nVisitors);
  const vChannel = new Int32Array(nVisitors);
  const vBot = new Uint8Array(nVisitors);
  for (let i = 0; i < nVisitors; i++) {
    // Inverse of a linearly rising density (1 at start, 1.5 at end).
    const f = (-1 + Math.sqrt(1 + 1.25 * rng.next())) / 0.5;
    vFirst[i] = Math.floor(start + Math.min(0.999999, f) * (end - start));
    vLast[i] = Math.min(end - 1, vFirst[i]! + Math.floor(rng.chance(0.6) ? rng.next() * 2 * 3600_000 : rng.next() * 40 * DAY));
    vSite[i] = rng.int(0, sites.length - 1);
    vIds[i] = `v${rng.uuid().replace(/-/g, '').slice(0, 22)}`;
    let w = rng.next() * CHANNEL_WEIGHT;
    let c = 0;
    while (w >= CHANNELS[c]!.weight) w -= CHANNELS[c++]!.weight;
    vChannel[i] = c;
    vBot[i] = rng.chance(0.03) ? 1 : 0;
  }

  // Leads: most from a tracked visitor (each visitor at most one lead), the rest untracked.
  const tracked = Math.min(Math.round(size.leads * 0.9), nVisitors);
  const pool = Array.from({ length: nVisitors }, (_, i) => i).filter((i) => !vBot[i]);
  for (let i = 0; i < tracked; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const leadVisitor = pool.slice(0, tracked);
  const leadOfVisitor = new Map<number, { id: string; capturedAt: number }>();
  const leads: Array<{ id: string; visitor: number | null; capturedAt: number; site: number }> = [];
  for (let i = 0; i < size.leads; i++) {
    const v = i < tracked ? leadVisitor[i]! : null;
    const capturedAt = v === null ? start + Math.floor(rng.next() * (end - start)) : vFirst[v]! + Math.floor(rng.next() * (vLast[v]! - vFirst[v]! + 1));
    const lead = { id: rng.uuid(), visitor: v, capturedAt, site: v === null ? rng.int(0, sites.length - 1) : vSite[v]! };
    leads.push(lead);
    if (v !== null) leadOfVisitor.set(v, lead);
  }
  leads.sort((a, b) => a.capturedAt - b.capturedAt);

  for (let i = 0; i < nVisitors; i++) {
    const ch = CHANNELS[vChannel[i]!]!;
    const site = sites[vSite[i]!]!;
    const lead = leadOfVisitor.get(i);
    const utmCampaign = rng.pick(ch.campaigns);
    const landingUrl = `${site.host}${rng.pick(PAGES)}`;
    ins.visitor({
      siteId: site.id,
      visitorId: vIds[i]!,
      workspaceId,
      firstSeenAt: vFirst[i]!,
      lastSeenAt: vLast[i]!,
      referrer: ch.referrer,
      utmSource: ch.source,
      utmMedium: ch.medium,
      utmCampaign,
      landingUrl,
      visits: 1 + (vLast[i]! - vFirst[i]! > DAY ? rng.int(1, 6) : 0),
      behaviour,
      score: lead ? rng.int(20, 90) : rng.int(0, 40),
      mql: lead ? rng.chance(0.7) : false,
      hot: false,
      rulesVersion: DEFAULT_RULES.version,
      leadId: lead?.id ?? null,
      isBot: vBot[i] === 1,
    });
    if (lead) {
      // The stored touches the attribution report reads: the visitor's first session, then its capture.
      const touch = { workspaceId, siteId: site.id, visitorId: vIds[i]!, referrer: ch.referrer, utmSource: ch.source, utmMedium: ch.medium, utmCampaign };
      ins.touch({ ...touch, leadId: null, kind: 'session', at: vFirst[i]!, landingUrl });
      ins.touch({ ...touch, leadId: lead.id, kind: 'capture', at: lead.capturedAt, landingUrl: `${site.host}/contact` });
    }
  }

  writeEvents(ins, rng, size.events, { workspaceId, sites, vSite, vFirst, vLast, vIds, leadOfVisitor });

  const booked = new Set<string>();
  for (const lead of leads)
    writeLead(ins, rng, lead, {
      workspaceId,
      booked,
      site: sites[lead.site]!,
      rule: rules[lead.site]!,
      teams,
      visitorId: lead.visitor === null ? null : vIds[lead.visitor]!,
      vChannel: lead.visitor === null ? null : CHANNELS[vChannel[lead.visitor]!]!,
      end,
    });

  return { workspaceId, managerCookie: `sixty_session=${token}` };
}

/** Behaviour events, in the order the server would have stored them (ids rise with time). */
function writeEvents(
  ins: Inserters,
  rng: Rng,
  total: number,
  w: {
    workspaceId: string;
    sites: Array<{ id: string; host: string }>;
    vSite: Int32Array;
    vFirst: Float64Array;
    vLast: Float64Array;
    vIds: string[];
    leadOfVisitor: Map<number, unknown>;
  },
) {
  const n = w.vIds.length;
  // Visitors who became leads browsed more.
  const weight = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weight[i] = (w.leadOfVisitor.has(i) ? 4 : 1) * (0.2 + rng.next() * 1.6);
  const owner = new Int32Array(total);
  const at = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < n && k < total; i++) {
    const count = i === n - 1 ? total - k : Math.min(total - k, Math.round((weight[i]! / sum) * total));
    for (let c = 0; c < count; c++, k++) {
      owner[k] = i;
      at[k] = w.vFirst[i]! + Math.floor(rng.next() * (w.vLast[i]! - w.vFirst[i]! + 1));
    }
  }
  for (; k < total; k++) {
    owner[k] = k % n;
    at[k] = w.vFirst[k % n]!;
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => at[a]! - at[b]!);
  for (let j = 0; j < total; j++) {
    const e = order[j]!;
    const v = owner[e]!;
    const site = w.sites[w.vSite[v]!]!;
    const url = `${site.host}${PAGES[j % PAGES.length]}`;
    const kind = rng.next();
    const type = kind < 0.55 ? 'page_view' : kind < 0.8 ? 'engagement' : kind < 0.92 ? 'click' : kind < 0.97 ? 'download' : 'custom';
    ins.event({
      workspaceId: w.workspaceId,
      siteId: site.id,
      visitorId: w.vIds[v]!,
      type,
      name: type === 'click' ? 'cta_pricing' : type === 'custom' ? 'video_play' : null,
      url,
      clientAt: at[e]! - rng.int(0, 400),
      at: at[e]!,
      props: type === 'engagement' ? `{"visibleMs":${rng.int(2000, 90_000)},"scrollDepth":${rng.int(5, 100)}}` : null,
    });
  }
}

/** One lead: its row, stage changes through the funnel, offers, timeline, breach, meeting and form. */
function writeLead(
  ins: Inserters,
  rng: Rng,
  lead: { id: string; capturedAt: number },
  w: {
    workspaceId: string;
    site: { id: string; host: string };
    rule: { id: string; team: { reps: string[] } };
    teams: Array<{ reps: string[] }>;
    visitorId: string | null;
    vChannel: (typeof CHANNELS)[number] | null;
    end: number;
    /** `rep start` of every active meeting so far. */
    booked: Set<string>;
  },
) {
  const { workspaceId } = w;
  const leadId = lead.id;
  const captured = lead.capturedAt;
  const clamp = (x: number) => Math.min(w.end - 1, Math.round(x));
  const changes: Array<{ from: string | null; to: string; actor: string; reason: string | null; at: number }> = [];
  const timeline: Array<{ kind: string; text: string; at: number }> = [{ kind: 'captured', text: 'Asked for a callback', at: captured }];
  // Rows that reference the lead are written after it (foreign keys are on).
  const children: Array<() => unknown> = [];
  const later = <R>(insert: (row: R) => unknown, row: R) => children.push(() => insert(row));
  const move = (to: string, actor: string, at: number, reason: string | null = null) => {
    changes.push({ from: changes.at(-1)?.to ?? null, to, actor, reason, at: clamp(at) });
    timeline.push({ kind: 'stage', text: `Stage ${to.toUpperCase()}${reason ? `: ${reason}` : ''}`, at: clamp(at) });
  };

  const disqualified = rng.chance(0.08);
  const hot = !disqualified && rng.chance(0.6);
  const mql = hot || (!disqualified && rng.chance(0.4));
  move(disqualified ? 'disqualified' : hot ? 'hot' : mql ? 'mql' : 'lead', 'system', captured, disqualified ? rng.pick(DISQUALIFY_REASONS) : null);

  let owner: string | null = null;
  // A lead nobody took is long closed in a history this old: the server finds nothing to route at start-up.
  let routing: 'owned' | 'closed' = 'closed';
  let firstOfferedAt: number | null = null;
  let acceptedAt: number | null = null;
  let firstCallAt: number | null = null;
  let outcome: string | null = null;
  let outcomeAt: number | null = null;
  let dealValue: number | null = null;
  let closedAt: number | null = null;
  let contactAttempts = 0;
  const hotAt = hot ? captured : null;
  const slaDueAt = hot ? captured + 60_000 : null;

  if (hot) {
    // Offers: each to a rep of the site's team (another team when it overflows), until one accepts.
    const reps = rng.chance(0.85) ? w.rule.team.reps : rng.pick(w.teams).reps;
    let t = captured + rng.int(200, 3000);
    firstOfferedAt = t;
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 4 && owner === null; attempt++) {
      const rep = rng.pick(reps);
      const r = rng.next();
      const status = attempt === 3 ? 'expired' : r < 0.65 ? 'accepted' : r < 0.77 ? 'declined' : 'expired';
      const respondedAt = status === 'expired' ? null : clamp(t + Math.min(29_000, rng.logNormal(12_000, 0.9)));
      later(ins.offer, {
        id: rng.uuid(),
        workspaceId,
        leadId,
        repId: rep,
        status,
        offeredAt: t,
        expiresAt: t + 30_000,
        respondedAt,
        reason: status === 'declined' ? rng.pick(DECLINE_REASONS) : null,
        step: attempt < 2 ? 'team' : 'overflow',
        ruleId: w.rule.id,
      });
      timeline.push({ kind: 'offered', text: `Offered to a rep (${status})`, at: clamp(t) });
      statuses.push(status);
      if (status === 'accepted') {
        owner = rep;
        acceptedAt = respondedAt!;
      }
      t = (respondedAt ?? t + 30_000) + rng.int(100, 2000);
    }
    // Nobody took it in time: a rep picks it up from the queue later.
    if (owner === null && rng.chance(0.8)) {
      owner = rng.pick(reps);
      acceptedAt = clamp(t + rng.logNormal(20 * MIN, 1.5));
    }
    if (acceptedAt === null || acceptedAt > slaDueAt!) {
      const cause = statuses.includes('expired') ? 'timeouts' : statuses.every((s) => s === 'declined') ? 'all_declined' : 'nobody_online';
      later(ins.breach, { workspaceId, siteId: w.site.id, leadId, dueAt: slaDueAt!, cause, at: slaDueAt! });
      timeline.push({ kind: 'sla_breached', text: `SLA missed (${cause})`, at: slaDueAt! });
    }
    if (owner !== null) {
      routing = 'owned';
      timeline.push({ kind: 'accepted', text: 'Accepted', at: acceptedAt! });
      move('sal', owner, acceptedAt!);
    }
  } else if (!disqualified && mql && rng.chance(0.35)) {
    // A warm lead worked from the queue later.
    owner = rng.pick(w.rule.team.reps);
    routing = 'owned';
    acceptedAt = clamp(captured + rng.logNormal(6 * 3600_000, 1.2));
    move('sal', owner, acceptedAt);
  }

  if (owner !== null && acceptedAt !== null) {
    let t = acceptedAt;
    if (rng.chance(0.9)) {
      firstCallAt = clamp(t + rng.logNormal(90_000, 1.3));
      t = firstCallAt;
      contactAttempts = rng.chance(0.3) ? rng.int(1, 4) : 0;
      outcome = contactAttempts > 0 && rng.chance(0.5) ? 'no_answer' : 'connected';
      outcomeAt = t;
      timeline.push({ kind: 'call', text: `Called: ${outcome}`, at: t });
    }
    const r = rng.next();
    if (firstCallAt !== null && r < 0.45) {
      t += rng.logNormal(2 * DAY, 1);
      move('sql', owner, t);
      outcome = 'sql';
      outcomeAt = clamp(t);
      if (rng.chance(0.55)) {
        t += rng.logNormal(7 * DAY, 0.8);
        dealValue = Math.round(rng.logNormal(18_000, 0.7));
        move('opportunity', owner, t);
        outcome = 'opportunity';
        outcomeAt = clamp(t);
        const close = rng.next();
        const closeAt = t + rng.logNormal(25 * DAY, 0.6);
        if (closeAt < w.end && close < 0.75) {
          const won = close < 0.33;
          move(won ? 'won' : 'lost', owner, closeAt, won ? null : rng.pick(LOST_REASONS));
          outcome = won ? 'won' : 'lost';
          outcomeAt = closedAt = clamp(closeAt);
          routing = 'closed';
        }
      }
    } else if (r < 0.85) {
      // Back to nurture, or out for good.
      const [stage, reasons] = r < 0.75 ? (['nurture', NURTURE_REASONS] as const) : (['disqualified', DISQUALIFY_REASONS] as const);
      t += rng.logNormal(DAY, 1);
      move(stage, owner, t, rng.pick(reasons));
      outcome = stage;
      outcomeAt = clamp(t);
      routing = 'closed';
    }
    // Some booked a meeting with their rep.
    if (rng.chance(0.06)) {
      let startAt = Math.floor((acceptedAt + rng.int(1, 10) * DAY) / (30 * MIN)) * 30 * MIN;
      const cancelled = rng.chance(0.15);
      // A rep's active meetings never start together (bookings_rep_start_active).
      while (!cancelled && w.booked.has(`${owner} ${startAt}`)) startAt += 30 * MIN;
      if (!cancelled) w.booked.add(`${owner} ${startAt}`);
      const uid = `${rng.uuid()}@sixty`;
      later(ins.booking, {
        id: rng.uuid(),
        workspaceId,
        siteId: w.site.id,
        leadId,
        repId: owner,
        startAt,
        endAt: startAt + 30 * MIN,
        status: cancelled ? 'cancelled' : 'active',
        uid,
        sequence: cancelled ? 1 : 0,
        createdAt: acceptedAt,
        updatedAt: acceptedAt,
      });
      if (!cancelled && startAt < w.end) {
        const held = rng.chance(0.8);
        timeline.push({ kind: held ? 'meeting_held' : 'meeting_no_show', text: held ? 'Meeting held' : 'No-show', at: clamp(startAt + 35 * MIN) });
      }
    }
  }

  // A share came through the site's own form.
  if (rng.chance(0.15)) {
    const key = rng.pick(FORM_KEYS);
    later(ins.submission, { workspaceId, siteId: w.site.id, formKey: key, leadId, pageUrl: `${w.site.host}/contact`, answers: '{}', at: captured });
    timeline.push({ kind: 'form', text: `Submitted the site's form "${key}"`, at: captured });
  }

  const stage = changes.at(-1)!.to;
  const n = Number.parseInt(leadId.slice(0, 6), 16);
  ins.lead({
    id: leadId,
    workspaceId,
    siteId: w.site.id,
    name: `Lead ${n}`,
    phone: `+1415555${String(n % 10_000).padStart(4, '0')}`,
    email: rng.chance(0.8) ? `lead${n}@customer.example` : null,
    visitorId: w.visitorId,
    pageUrl: `${w.site.host}${rng.pick(PAGES)}`,
    referrer: w.vChannel?.referrer ?? null,
    answers: JSON.stringify(hot ? { projects: 'commercial', size: '51-200', role: 'decision' } : { projects: 'commercial', size: '1-10', role: 'evaluating' }),
    stage,
    fit: disqualified ? 'fails' : 'passes',
    score: hot ? rng.int(60, 100) : rng.int(10, 70),
    mql,
    hot,
    reasons: '[]',
    rulesVersion: DEFAULT_RULES.version,
    routing,
    ownerId: owner,
    outcome,
    hotAt,
    slaDueAt,
    ruleId: hot ? w.rule.id : null,
    contactAttempts,
    capturedAt: captured,
    qualifiedAt: captured,
    firstOfferedAt,
    acceptedAt,
    firstCallAt,
    outcomeAt,
    dealValue,
    closedAt,
  });
  for (const child of children) child();
  for (const c of changes) ins.change({ workspaceId, leadId, fromStage: c.from, toStage: c.to, actor: c.actor, reason: c.reason, at: c.at });
  timeline.sort((a, b) => a.at - b.at);
  for (const e of timeline) ins.leadEvent({ workspaceId, leadId, kind: e.kind, text: e.text, at: e.at });
}
