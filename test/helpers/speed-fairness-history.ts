// A generated history with known answers for the speed-pays and rep-fairness reports: 37
// hand-raised leads in a 30-day range, each placed by hand in a first-call bucket with what it
// became and who owns it, the offers the reps got (accepted, declined with reasons, expired, taken,
// still open), and rows that must not count (before and after the range, a lead that never raised
// a hand, another workspace, a deactivated member). The figures the reports must give are stated
// below as literals, worked out by hand from the table, not by the code under test.
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as pgCore from '../../server/db/pg/schema';
import * as core from '../../server/db/schema';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import type { CallBucket } from '../../shared/console-api';
import type { DatabaseLocation } from './databases';

export const HISTORY_FROM = Date.parse('2026-10-01T00:00:00Z');
export const HISTORY_TO = HISTORY_FROM + 30 * 86_400_000;
export const HISTORY_CURRENCY = 'EUR';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

type Rep = 'fay' | 'gil' | 'hal' | 'ivy';
type Became = 'won' | 'sql' | 'none';
/** One hand-raised lead of the range: its wait to first call (null: never called), what it became, its owner, and its deal. */
interface Spec {
  wait: number | null;
  became: Became;
  owner: Rep | null;
  deal?: number;
  /** The odd cases: no hot_at (counted by capture), a first call before this hand-raise, an SQL without its stage-change row, back to nurture after SQL, straight from SAL to opportunity. */
  quirk?: 'legacy' | 'called_before' | 'stage_only' | 'nurtured' | 'skip_sql';
}

/** The 37 leads, bucket by bucket (comments: their number in the table). */
const LEADS: Spec[] = [
  // Under 1 min: 10 leads, 6 SQL (3 of them won).
  { wait: 5 * S, became: 'won', owner: 'fay', deal: 10_000, quirk: 'skip_sql' }, // 1
  { wait: 12 * S, became: 'won', owner: 'fay', deal: 2_500.5 }, // 2
  { wait: 20 * S, became: 'won', owner: 'ivy', deal: 12_000 }, // 3 (Ivy won it in the broadcast; Fay's offer was taken)
  { wait: 25 * S, became: 'sql', owner: 'fay' }, // 4
  { wait: 30 * S, became: 'sql', owner: 'fay', quirk: 'nurtured' }, // 5
  { wait: 41 * S, became: 'sql', owner: 'gil' }, // 6
  { wait: 45 * S, became: 'none', owner: 'fay' }, // 7
  { wait: 50 * S, became: 'none', owner: 'gil', quirk: 'legacy' }, // 8
  { wait: 0, became: 'none', owner: 'hal', quirk: 'called_before' }, // 9
  { wait: 59_999, became: 'none', owner: 'ivy' }, // 10
  // 1-5 min: 8 leads, 4 SQL (1 won).
  { wait: 60 * S, became: 'won', owner: 'gil', deal: 4_000 }, // 11 (exactly one minute: not under it)
  { wait: 90 * S, became: 'sql', owner: 'fay' }, // 12
  { wait: 2 * MIN, became: 'sql', owner: 'gil', quirk: 'stage_only' }, // 13
  { wait: 150 * S, became: 'sql', owner: 'ivy' }, // 14
  { wait: 3 * MIN, became: 'none', owner: 'fay' }, // 15
  { wait: 4 * MIN, became: 'none', owner: 'hal' }, // 16
  { wait: 270 * S, became: 'none', owner: 'gil' }, // 17
  { wait: 5 * MIN - 1, became: 'none', owner: 'fay' }, // 18
  // 5-30 min: 6 leads, 2 SQL (1 won).
  { wait: 5 * MIN, became: 'won', owner: 'fay', deal: 7_000 }, // 19
  { wait: 6 * MIN, became: 'sql', owner: 'fay' }, // 20
  { wait: 10 * MIN, became: 'none', owner: 'gil' }, // 21
  { wait: 15 * MIN, became: 'none', owner: 'hal' }, // 22
  { wait: 20 * MIN, became: 'none', owner: 'ivy' }, // 23
  { wait: 30 * MIN - 1, became: 'none', owner: 'fay' }, // 24
  // 30 min-24 h: 5 leads, 2 SQL.
  { wait: 30 * MIN, became: 'sql', owner: 'gil' }, // 25
  { wait: 2 * H, became: 'sql', owner: 'hal' }, // 26
  { wait: 5 * H, became: 'none', owner: 'fay' }, // 27
  { wait: 12 * H, became: 'none', owner: 'gil' }, // 28
  { wait: DAY - 1, became: 'none', owner: 'ivy' }, // 29
  // Later than 24 h: 5 leads, 1 SQL.
  { wait: DAY, became: 'sql', owner: 'fay' }, // 30
  { wait: 30 * H, became: 'none', owner: 'hal' }, // 31
  { wait: 2 * DAY, became: 'none', owner: 'gil' }, // 32
  { wait: 3 * DAY, became: 'none', owner: 'fay' }, // 33
  { wait: 5 * DAY, became: 'none', owner: 'fay' }, // 34
  // Never called: 3 leads (Hal accepted one and has not called yet).
  { wait: null, became: 'none', owner: 'hal' }, // 35
  { wait: null, became: 'none', owner: null }, // 36
  { wait: null, became: 'none', owner: null }, // 37
];

/** What GET /v1/console/reports/speed-pays must answer for [HISTORY_FROM, HISTORY_TO). */
export const EXPECTED_SPEED_PAYS: { leads: number; buckets: Array<{ bucket: CallBucket; leads: number; sql: number; won: number }> } = {
  leads: 37,
  buckets: [
    { bucket: 'under_1m', leads: 10, sql: 6, won: 3 },
    { bucket: '1_5m', leads: 8, sql: 4, won: 1 },
    { bucket: '5_30m', leads: 6, sql: 2, won: 1 },
    { bucket: '30m_24h', leads: 5, sql: 2, won: 0 },
    { bucket: 'later', leads: 5, sql: 1, won: 0 },
    { bucket: 'never', leads: 3, sql: 0, won: 0 },
  ],
};
/** Under a minute against later than a day: 60% against 20% to SQL; no one called after a day won. */
export const EXPECTED_LIFT = { fast: 'under_1m', slow: 'later', sqlRatio: 3, wonRatio: null };

export const REP_NAMES: Record<Rep | 'jo', string> = { fay: 'Fay Fast', gil: 'Gil Green', hal: 'Hal Hart', ivy: 'Ivy Inge', jo: 'Jo Gone' };

/**
 * What GET /v1/console/reports/reps must answer per rep. Offers: Fay 15 accepted (Inbound's
 * rotation), 2 declined "On a call", 2 expired, and lead 3's broadcast taken by Ivy; Gil 9
 * accepted, 3 declined ("On a call", "Lunch", no reason), 1 expired; Hal 6 accepted, 4 expired,
 * 1 still open; Ivy 4 accepted and 1 expired as Backup (overflow), 1 accepted in the broadcast.
 * Accept times: Fay 2, 4, ... 30 s; Gil 5, 10, ... 45 s; Hal 10, 20, ... 60 s; Ivy 3, 6, ... 15 s.
 * Gil also closed a deal of 1,000 in the range from a lead captured before it.
 */
export const EXPECTED_REPS = {
  fay: {
    offers: { received: 20, accepted: 15, declined: 2, expired: 2, taken: 1, open: 0 },
    declineReasons: [{ reason: 'On a call', count: 2 }],
    medianMsToAccept: 16_000,
    leadsOwned: 15,
    sqlLeads: 8,
    wonDeals: 3,
    wonRevenue: 19_500.5,
  },
  gil: {
    offers: { received: 13, accepted: 9, declined: 3, expired: 1, taken: 0, open: 0 },
    declineReasons: [
      { reason: '(no reason given)', count: 1 },
      { reason: 'Lunch', count: 1 },
      { reason: 'On a call', count: 1 },
    ],
    medianMsToAccept: 25_000,
    leadsOwned: 9,
    sqlLeads: 4,
    wonDeals: 2,
    wonRevenue: 5_000,
  },
  hal: {
    offers: { received: 11, accepted: 6, declined: 0, expired: 4, taken: 0, open: 1 },
    declineReasons: [],
    medianMsToAccept: 30_000,
    leadsOwned: 6,
    sqlLeads: 1,
    wonDeals: 0,
    wonRevenue: 0,
  },
  ivy: {
    offers: { received: 6, accepted: 5, declined: 0, expired: 1, taken: 0, open: 0 },
    declineReasons: [],
    medianMsToAccept: 9_000,
    leadsOwned: 5,
    sqlLeads: 2,
    wonDeals: 1,
    wonRevenue: 12_000,
  },
};

/**
 * The teams: Inbound (Fay 2, Gil 1, Hal 1, weighted; Jo's weight 5 does not count, she is
 * deactivated) got 43 rotation offers: Fay 19, Gil 13, Hal 11. Backup (Ivy) got Inbound's 5
 * overflow offers. A team's other figures are its members' combined; Inbound's median accept
 * is the 15th of its 30 accept times, 20 s.
 */
export const EXPECTED_TEAMS = {
  Inbound: {
    offers: { received: 44, accepted: 30, declined: 5, expired: 7, taken: 1, open: 1 },
    declineReasons: [
      { reason: 'On a call', count: 3 },
      { reason: '(no reason given)', count: 1 },
      { reason: 'Lunch', count: 1 },
    ],
    medianMsToAccept: 20_000,
    leadsOwned: 30,
    sqlLeads: 13,
    wonDeals: 5,
    wonRevenue: 24_500.5,
    rotationOffers: 43,
    strategies: ['weighted'],
    members: [
      { name: 'Fay Fast', weight: 2, expectedShare: 0.5, rotationOffers: 19 },
      { name: 'Gil Green', weight: 1, expectedShare: 0.25, rotationOffers: 13 },
      { name: 'Hal Hart', weight: 1, expectedShare: 0.25, rotationOffers: 11 },
    ],
  },
  Backup: {
    offers: { received: 6, accepted: 5, declined: 0, expired: 1, taken: 0, open: 0 },
    declineReasons: [],
    medianMsToAccept: 9_000,
    leadsOwned: 5,
    sqlLeads: 2,
    wonDeals: 1,
    wonRevenue: 12_000,
    rotationOffers: 5,
    strategies: ['weighted'],
    members: [{ name: 'Ivy Inge', weight: 1, expectedShare: 1, rotationOffers: 5 }],
  },
};

type Rows = Array<Record<string, unknown>>;
/** Rows by drizzle table name (the same exports in both dialects' schema modules), in insert order. */
export type History = Array<[table: string, rows: Rows]>;

/**
 * The history's rows in workspace `ws` on site `siteId`. `ownWorkspace`: also the workspace and
 * site rows (a test database without the demo).
 */
export function speedFairnessHistory(ws: string, siteId: string, { ownWorkspace = false } = {}): History {
  const t0 = HISTORY_FROM;
  const id = (s: string) => `sf-${s}`;
  const rep = (r: Rep) => id(r);
  const users: Rows = (['fay', 'gil', 'hal', 'ivy', 'jo'] as const).map((r, i) => ({
    id: id(r),
    workspaceId: ws,
    email: `${r}@speed-fairness.test`,
    name: REP_NAMES[r],
    role: 'rep',
    passwordHash: 'x',
    active: r !== 'jo',
    createdAt: t0 - 60 * DAY + i,
  }));
  const teams: Rows = [
    { id: id('inbound'), workspaceId: ws, name: 'Inbound', hours: JSON.stringify(ALWAYS_OPEN), createdAt: t0 - 60 * DAY },
    { id: id('backup'), workspaceId: ws, name: 'Backup', hours: JSON.stringify(ALWAYS_OPEN), createdAt: t0 - 60 * DAY },
  ];
  const members: Rows = [
    { teamId: id('inbound'), repId: rep('fay'), workspaceId: ws, weight: 2 },
    { teamId: id('inbound'), repId: rep('gil'), workspaceId: ws, weight: 1 },
    { teamId: id('inbound'), repId: rep('hal'), workspaceId: ws, weight: 1 },
    { teamId: id('inbound'), repId: id('jo'), workspaceId: ws, weight: 5 },
    { teamId: id('backup'), repId: rep('ivy'), workspaceId: ws, weight: 1 },
  ];
  const rule = id('rule');
  const rules: Rows = [
    {
      id: rule,
      workspaceId: ws,
      siteId,
      position: 50,
      name: 'Inbound, weighted',
      // Never matches a real callback: the history's rule is for its offers only.
      conditions: JSON.stringify([{ field: 'page', op: 'contains', values: ['/speed-fairness-history-only'] }]),
      teamId: id('inbound'),
      strategy: 'weighted',
      overflowTeamId: id('backup'),
      createdAt: t0 - 60 * DAY,
    },
  ];

  const leads: Rows = [];
  const changes: Rows = [];
  const offers: Rows = [];
  let offerN = 0;
  const offer = (leadId: string, r: Rep, status: string, at: number, extra: Record<string, unknown> = {}) =>
    offers.push({
      id: id(`offer-${++offerN}`),
      workspaceId: ws,
      leadId,
      repId: rep(r),
      status,
      offeredAt: at,
      // Far ahead, so no sweep of the server under test expires the open one.
      expiresAt: status === 'offered' ? Date.parse('2100-01-01T00:00:00Z') : at + 20 * S,
      respondedAt: status === 'offered' ? null : at + 20 * S,
      reason: null,
      step: 'team',
      ruleId: rule,
      ...extra,
    });
  const lead = (n: string, fields: Record<string, unknown>) => {
    leads.push({
      id: id(`lead-${n}`),
      workspaceId: ws,
      siteId,
      name: `History lead ${n}`,
      phone: `+1415555${String(1000 + leads.length).padStart(4, '0')}`,
      answers: '{}',
      fit: 'passes',
      score: 70,
      mql: true,
      hot: true,
      reasons: '[]',
      rulesVersion: 1,
      ...fields,
    });
    return id(`lead-${n}`);
  };
  const change = (leadId: string, from: string | null, to: string, at: number, reason: string | null = null) =>
    changes.push({ workspaceId: ws, leadId, fromStage: from, toStage: to, actor: 'system', reason, at });

  // Accept delays per rep: the k-th accepted offer of a rep waits (k + 1) steps.
  const acceptStep: Record<Rep, number> = { fay: 2 * S, gil: 5 * S, hal: 10 * S, ivy: 3 * S };
  const accepted: Record<Rep, number> = { fay: 0, gil: 0, hal: 0, ivy: 0 };
  let ivyOverflow = 0;

  LEADS.forEach((spec, i) => {
    const n = String(i + 1);
    const hotAt = t0 + i * 12 * H + H;
    const capturedAt = spec.quirk === 'called_before' ? t0 + 2 * H : hotAt;
    const firstCallAt = spec.wait === null ? null : spec.quirk === 'called_before' ? capturedAt + 30 * S : hotAt + spec.wait;
    const stage = spec.became === 'won' ? 'won' : spec.quirk === 'nurtured' ? 'nurture' : spec.became === 'sql' ? 'sql' : spec.owner ? 'sal' : 'hot';
    const leadId = lead(n, {
      stage,
      routing: spec.owner ? 'owned' : i === LEADS.length - 1 ? 'offered' : 'closed',
      ownerId: spec.owner ? rep(spec.owner) : null,
      hotAt: spec.quirk === 'legacy' ? null : hotAt,
      capturedAt,
      firstCallAt,
      acceptedAt: spec.owner ? hotAt + 10 * S : null,
      dealValue: spec.deal ?? null,
      closedAt: spec.became === 'won' ? hotAt + 3 * DAY : null,
    });
    change(leadId, 'visitor', 'hot', hotAt);
    if (spec.owner) change(leadId, 'hot', 'sal', hotAt + 10 * S);
    if (spec.became !== 'none' && spec.quirk !== 'stage_only' && spec.quirk !== 'skip_sql') change(leadId, 'sal', 'sql', hotAt + H);
    if (spec.quirk === 'nurtured') change(leadId, 'sql', 'nurture', hotAt + 2 * H, 'Budget next year');
    if (spec.became === 'won') {
      change(leadId, spec.quirk === 'skip_sql' ? 'sal' : 'sql', 'opportunity', hotAt + 2 * H);
      change(leadId, 'opportunity', 'won', hotAt + 3 * DAY);
    }
    if (spec.owner) {
      const r = spec.owner;
      const wait = ++accepted[r] * acceptStep[r];
      const at = hotAt + S;
      if (i === 2) {
        // Lead 3 went to everyone: Ivy accepted, Fay's offer was taken.
        offer(leadId, 'ivy', 'accepted', at, { step: 'everyone', respondedAt: at + wait });
        offer(leadId, 'fay', 'taken', at, { step: 'everyone' });
      } else if (r === 'ivy') {
        ivyOverflow++;
        offer(leadId, 'ivy', 'accepted', at, { step: 'overflow', respondedAt: at + wait });
      } else offer(leadId, r, 'accepted', at, { respondedAt: at + wait });
    }
  });
  // The offers the never-owned leads 36 and 37 got before nobody took them, one round after another.
  const l36 = id('lead-36');
  const l37 = id('lead-37');
  const at36 = t0 + 35 * 12 * H + H + S;
  const misses: Array<[Rep, string, string | null, Record<string, unknown>?]> = [
    ['fay', 'declined', 'On a call'],
    ['fay', 'declined', 'On a call'],
    ['fay', 'expired', null],
    ['fay', 'expired', null],
    ['gil', 'declined', 'On a call'],
    ['gil', 'declined', 'Lunch'],
    ['gil', 'declined', '   '],
    ['gil', 'expired', null],
    ['hal', 'expired', null],
    ['hal', 'expired', null],
    ['hal', 'expired', null],
    ['hal', 'expired', null],
    ['ivy', 'expired', null, { step: 'overflow' }],
  ];
  misses.forEach(([r, status, reason, extra], k) => offer(k % 2 ? l37 : l36, r, status, at36 + k * MIN, { reason, ...extra }));
  offer(l37, 'hal', 'offered', at36 + 20 * MIN);
  if (ivyOverflow !== 4) throw new Error('the history table changed: Ivy must own four overflow leads besides lead 3');

  // Outside the range, or not a hand-raise: none of it counts.
  const before = lead('before', {
    stage: 'won',
    routing: 'owned',
    ownerId: rep('fay'),
    hotAt: t0 - 2 * H,
    capturedAt: t0 - 2 * H,
    firstCallAt: t0 - 2 * H + 20 * S,
    dealValue: 99_999,
    closedAt: t0 - H,
  });
  offer(before, 'fay', 'accepted', t0 - 2 * H + S, { respondedAt: t0 - 2 * H + 2 * S });
  const after = lead('after', {
    stage: 'sql',
    routing: 'owned',
    ownerId: rep('gil'),
    hotAt: HISTORY_TO,
    capturedAt: HISTORY_TO,
    firstCallAt: HISTORY_TO + 10 * S,
  });
  change(after, 'sal', 'sql', HISTORY_TO + H);
  offer(after, 'gil', 'accepted', HISTORY_TO, { respondedAt: HISTORY_TO + S });
  lead('not-hot', { stage: 'mql', hot: false, routing: 'closed', capturedAt: t0 + 5 * DAY, firstCallAt: t0 + 5 * DAY + 10 * S });
  // Gil's deal from a lead captured before the range, closed in it: his revenue, not his owned leads.
  lead('old-deal', {
    stage: 'won',
    routing: 'owned',
    ownerId: rep('gil'),
    hotAt: t0 - 10 * DAY,
    capturedAt: t0 - 10 * DAY,
    firstCallAt: t0 - 10 * DAY + 40 * S,
    dealValue: 1_000,
    closedAt: t0 + 3 * DAY,
  });

  const other = id('other-ws');
  const otherSite = id('other-site');
  const otherRows: History = [
    ['workspaces', [{ id: other, name: 'Someone else', currency: 'USD', createdAt: t0 - 60 * DAY }]],
    ['sites', [siteRow(otherSite, other, 'sf_other_key')]],
    ['users', [{ id: id('other-rep'), workspaceId: other, email: 'rep@elsewhere.test', name: 'Elsewhere Rep', role: 'rep', passwordHash: 'x', createdAt: t0 }]],
    [
      'leads',
      [
        {
          ...leads[0],
          id: id('other-lead'),
          workspaceId: other,
          siteId: otherSite,
          ownerId: id('other-rep'),
          dealValue: 50_000,
        },
      ],
    ],
    ['offers', [{ ...offers[0], id: id('other-offer'), workspaceId: other, leadId: id('other-lead'), repId: id('other-rep'), ruleId: null, step: 'team' }]],
  ];

  return [
    ...(ownWorkspace
      ? ([
          ['workspaces', [{ id: ws, name: 'Speed and fairness', currency: HISTORY_CURRENCY, createdAt: t0 - 60 * DAY }]],
          ['sites', [siteRow(siteId, ws, 'sf_key')]],
        ] as History)
      : []),
    ...otherRows,
    ['users', users],
    ['teams', teams],
    ['teamMembers', members],
    ['routingRules', rules],
    ['leads', leads],
    ['stageChanges', changes],
    ['offers', offers],
  ];
}

function siteRow(id: string, workspaceId: string, siteKey: string) {
  return {
    id,
    workspaceId,
    name: 'History site',
    siteKey,
    allowedOrigins: '[]',
    rules: JSON.stringify({ questions: [], behaviour: [], hotThreshold: 50 }),
    launcherText: 'Hi',
    phoneRegion: 'US',
    offerTimeoutMs: 20_000,
    createdAt: HISTORY_FROM - 60 * 86_400_000,
  };
}

/** Writes the history into a database (a server's SQLite file or PostgreSQL database), through drizzle so both dialects take the same rows. */
export async function insertHistory(where: DatabaseLocation, history: History): Promise<void> {
  if (where.databaseUrl) {
    const db = drizzlePg(where.databaseUrl);
    try {
      for (const [table, rows] of history) await db.insert((pgCore as Record<string, unknown>)[table] as typeof pgCore.leads).values(rows as never);
    } finally {
      await db.$client.end();
    }
    return;
  }
  const client = new Database(where.dbPath);
  try {
    const db = drizzleSqlite(client);
    client.transaction(() => {
      for (const [table, rows] of history)
        db.insert((core as Record<string, unknown>)[table] as typeof core.leads)
          .values(rows as never)
          .run();
    })();
  } finally {
    client.close();
  }
}
