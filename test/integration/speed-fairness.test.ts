// Speed pays and fairness among reps over a real server and database file, against a generated
// history whose answers are stated in its fixture (test/helpers/speed-fairness-history.ts): the
// buckets and the lift, each rep's and team's figures, the rotation spread beside the weights,
// the CSV of every table, and who may read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepsReport, SpeedPaysReport } from '../../shared/console-api';
import {
  EXPECTED_LIFT,
  EXPECTED_REPS,
  EXPECTED_SPEED_PAYS,
  EXPECTED_TEAMS,
  HISTORY_CURRENCY,
  HISTORY_FROM,
  HISTORY_TO,
  insertHistory,
  REP_NAMES,
  speedFairnessHistory,
} from '../helpers/speed-fairness-history';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
const range = `from=${new Date(HISTORY_FROM).toISOString()}&to=${new Date(HISTORY_TO).toISOString()}`;
const get = (path: string, cookie = admin) => fetch(`${server.url}/v1/console/reports/${path}`, { headers: { cookie } });

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  const site = (await server.deps.store.siteByKey(server.siteKey))!;
  await insertHistory(server.deps.config, speedFairnessHistory(site.workspaceId, site.id));
  await rows(server, 'update workspaces set currency = ? where id = ?', HISTORY_CURRENCY, site.workspaceId);
});
afterAll(() => server.stop());

/** A CSV body as rows of cells (no quoted commas in these tables except the reasons, which are quoted). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.trimEnd().split('\r\n')) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) (cells.push(cell), (cell = ''));
      else cell += ch;
    }
    out.push([...cells, cell]);
  }
  return out;
}

describe('speed pays', () => {
  it('converts by first-call bucket as the history states, counts beside every rate', async () => {
    const res = await get(`speed-pays?${range}`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as SpeedPaysReport;
    expect(r.leads).toBe(EXPECTED_SPEED_PAYS.leads);
    expect(r.buckets).toEqual(
      EXPECTED_SPEED_PAYS.buckets.map((b) => ({ ...b, sqlRate: b.leads ? b.sql / b.leads : null, wonRate: b.leads ? b.won / b.leads : null })),
    );
    expect(r.lift).toMatchObject({ fast: EXPECTED_LIFT.fast, slow: EXPECTED_LIFT.slow, won: { ratio: EXPECTED_LIFT.wonRatio } });
    expect(r.lift!.sql.ratio).toBeCloseTo(EXPECTED_LIFT.sqlRatio, 9);
  });

  it('exports the buckets as CSV', async () => {
    const res = await get(`speed-pays.csv?${range}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sixty-speed-pays-2026-10-01-2026-10-31.csv"');
    const [header, ...lines] = parseCsv(await res.text());
    expect(header).toEqual(['first_call', 'leads', 'sql', 'sql_rate', 'won', 'won_rate']);
    expect(lines.map((l) => [l[0], Number(l[1]), Number(l[2]), Number(l[4])])).toEqual([
      ['Under 1 min', 10, 6, 3],
      ['1–5 min', 8, 4, 1],
      ['5–30 min', 6, 2, 1],
      ['30 min–24 h', 5, 2, 0],
      ['Later than 24 h', 5, 1, 0],
      ['Never called', 3, 0, 0],
    ]);
    expect(lines[0]![3]).toBe('0.6');
  });
});

describe('fairness and reps', () => {
  let report: RepsReport;
  beforeAll(async () => {
    const res = await get(`reps?${range}`);
    expect(res.status).toBe(200);
    report = (await res.json()) as RepsReport;
  });

  it("gives each rep's offers, declines by reason, median to accept, leads, SQL rate and won revenue as the history states", () => {
    expect(report.currency).toBe(HISTORY_CURRENCY);
    for (const [rep, want] of Object.entries(EXPECTED_REPS)) {
      const got = report.reps.find((r) => r.name === REP_NAMES[rep as keyof typeof REP_NAMES]);
      expect(got, rep).toEqual({ repId: `sf-${rep}`, name: REP_NAMES[rep as keyof typeof REP_NAMES], ...want, sqlRate: want.sqlLeads / want.leadsOwned });
    }
    // The deactivated member, the other workspace's rep: not listed. The demo's reps are, with nothing.
    expect(report.reps.map((r) => r.name)).toEqual(['Dana Reyes', 'Fay Fast', 'Gil Green', 'Hal Hart', 'Ivy Inge', 'Sam Okafor']);
    expect(report.reps[0]).toMatchObject({ offers: { received: 0 }, leadsOwned: 0, sqlRate: null, wonRevenue: 0 });
  });

  it('gives each team its members combined, and the rotation spread beside the weights', () => {
    expect(report.teams.map((t) => t.name)).toEqual(['Backup', 'Inbound', 'Sales']);
    for (const [name, want] of Object.entries(EXPECTED_TEAMS)) {
      const { members, ...figures } = want;
      const got = report.teams.find((t) => t.name === name)!;
      expect(got).toMatchObject({ ...figures, sqlRate: figures.sqlLeads / figures.leadsOwned });
      expect(got.members.map(({ repId: _, share, ...m }) => ({ ...m, share: share === null ? null : Number(share.toFixed(6)) }))).toEqual(
        members.map((m) => ({ ...m, share: Number((m.rotationOffers / want.rotationOffers).toFixed(6)) })),
      );
    }
    expect(report.teams[2]).toMatchObject({ rotationOffers: 0, members: [{ name: 'Dana Reyes', expectedShare: null, share: null }, { name: 'Sam Okafor' }] });
  });

  it('exports reps, teams and the spread as CSV, money in the workspace currency', async () => {
    const reps = parseCsv(await (await get(`reps.csv?${range}`)).text());
    expect(reps[0]).toEqual([
      'rep',
      'offers_received',
      'accepted',
      'declined',
      'expired',
      'taken_by_another',
      'open',
      'declined_by_reason',
      'median_seconds_to_accept',
      'leads_owned',
      'sql_leads',
      'sql_rate',
      'won_deals',
      'won_revenue_eur',
    ]);
    expect(reps.find((l) => l[0] === 'Gil Green')).toEqual([
      'Gil Green',
      '13',
      '9',
      '3',
      '1',
      '0',
      '0',
      '(no reason given): 1; Lunch: 1; On a call: 1',
      '25',
      '9',
      '4',
      String(4 / 9),
      '2',
      '5000',
    ]);
    const teams = parseCsv(await (await get(`teams.csv?${range}`)).text());
    expect(teams.find((l) => l[0] === 'Inbound')!.slice(0, 4)).toEqual(['Inbound', 'weighted', '43', '44']);
    const spread = parseCsv(await (await get(`spread.csv?${range}`)).text());
    expect(spread[0]).toEqual(['team', 'rep', 'weight', 'expected_share', 'rotation_offers', 'share']);
    expect(spread.filter((l) => l[0] === 'Inbound').map((l) => l.slice(1, 5))).toEqual([
      ['Fay Fast', '2', '0.5', '19'],
      ['Gil Green', '1', '0.25', '13'],
      ['Hal Hart', '1', '0.25', '11'],
    ]);
  });

  it('counts nothing outside the range', async () => {
    const res = await get(`reps?from=${new Date(HISTORY_TO).toISOString()}&to=${new Date(HISTORY_TO + 86_400_000).toISOString()}`);
    const later = (await res.json()) as RepsReport;
    // The one lead hand-raised at the range's end is Gil's, with its offer.
    expect(later.reps.find((r) => r.name === 'Gil Green')).toMatchObject({ offers: { received: 1, accepted: 1 }, leadsOwned: 1, sqlLeads: 1, wonRevenue: 0 });
    expect(later.reps.filter((r) => r.name !== 'Gil Green').every((r) => r.offers.received === 0 && r.leadsOwned === 0)).toBe(true);
  });
});

describe('who may read them', () => {
  it('refuses reps, and answers a bad range with field messages', async () => {
    const dana = await signIn(server.url, 'dana@demo.sixty');
    for (const path of ['speed-pays', 'reps', 'reps.csv', 'spread.csv']) expect((await get(`${path}?${range}`, dana)).status).toBe(403);
    const bad = await get(`reps?from=${new Date(HISTORY_TO).toISOString()}&to=${new Date(HISTORY_FROM).toISOString()}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('from');
    expect((await get('speed-pays?from=yesterday')).status).toBe(400);
    expect((await fetch(`${server.url}/v1/console/reports/reps?${range}`)).status).toBe(401);
  });
});
