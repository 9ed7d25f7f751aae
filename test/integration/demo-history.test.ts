// The quick start's first look at Numbers: `npm start` with the demo on seeds 45 days of history,
// so a manager sees last month's revenue by channel, how conversion fell with the wait for the
// first call, which reps missed offers and the SLA's pace, at once, with figures that agree with
// each other and with the deals stored; a restart never seeds it twice.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/databases';
import { PROCESS_STARTS, cleanUpSpawned, freePort, start, tempDir } from '../helpers/spawn-sixty';
import { signIn, TEST_DEMO_PASSWORD } from '../helpers/test-server';

afterEach(cleanUpSpawned);

const DAY = 86_400_000;

async function startDemo(db: string) {
  const port = await freePort();
  // As the README's quick start runs it: demo on, its history on (the default; spawned tests turn it off).
  const p = start({ PORT: String(port), SIXTY_DB: db, SIXTY_DEMO_HISTORY: '1', SIXTY_DEMO_PASSWORD: TEST_DEMO_PASSWORD, SIXTY_LOG_LEVEL: 'info' });
  await p.waitFor('Sixty is running');
  return { p, url: `http://127.0.0.1:${port}` };
}

async function get<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

interface Group {
  key: string;
  leads: number;
  won: number;
  revenue: number;
}

describe('the demo history', PROCESS_STARTS, () => {
  it('shows a manager last month in every Numbers section, consistent with the stored deals, and is seeded once', async () => {
    const db = join(tempDir(), 'data', 'sixty.db');
    const { p, url } = await startDemo(db);
    const seeded = /"leads":(\d+),"ms":(\d+),"msg":"demo history seeded"/.exec(p.output());
    expect(seeded, p.output()).not.toBeNull();
    const leadCount = Number(seeded![1]);
    expect(leadCount).toBeGreaterThan(150);
    console.log(`demo history: ${leadCount} leads seeded in ${seeded![2]} ms`);

    const cookie = await signIn(url, 'admin@demo.sixty');
    const to = Date.now();
    const from = to - 30 * DAY;
    const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;

    // Which channels brought revenue, first touch.
    const attribution = await get<{ leads: number; won: number; revenue: number; groups: Group[]; currency: string }>(
      `${url}/v1/console/reports/attribution?model=first&by=channel&${range}`,
      cookie,
    );
    const earning = attribution.groups.filter((g) => g.revenue > 0).map((g) => g.key);
    expect(earning.length).toBeGreaterThanOrEqual(3);
    expect(attribution.groups.map((g) => g.key)).toEqual(
      expect.arrayContaining(['paid_search', 'organic_search', 'email', 'paid_social', 'referral', 'direct']),
    );
    expect(attribution.groups.reduce((s, g) => s + g.revenue, 0)).toBeCloseTo(attribution.revenue, 6);
    expect(attribution.groups.reduce((s, g) => s + g.won, 0)).toBeCloseTo(attribution.won, 6);
    // Some leads' visitors came another way first: first and last touch credit the channels differently.
    const lastTouch = await get<{ groups: Group[] }>(`${url}/v1/console/reports/attribution?model=last&by=channel&${range}`, cookie);
    const leadsBy = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.key, g.leads]));
    expect(leadsBy(lastTouch.groups)).not.toEqual(leadsBy(attribution.groups));
    // The report's revenue is the values of the won deals stored for the leads captured in the range.
    const [deals] = await queryRows<{ n: number; total: number }>(
      { dbPath: db, databaseUrl: null },
      "select count(*) as n, coalesce(sum(deal_value), 0) as total from leads where stage = 'won' and captured_at >= ? and captured_at < ?",
      from,
      to,
    );
    const funnel = await get<{ funnel: { revenue: number }; speed: { toAccept: { leads: number; within60s: number }; breaches: { total: number } } }>(
      `${url}/v1/console/reports?${range}`,
      cookie,
    );
    expect(deals!.n).toBeGreaterThan(5);
    expect(funnel.funnel.revenue).toBe(deals!.total);

    // Whether sales met the response SLA: most hand-raises accepted within 60 s, some breaches.
    expect(funnel.speed.toAccept.leads).toBeGreaterThan(100);
    expect(funnel.speed.toAccept.within60s).toBeGreaterThan(0.8);
    expect(funnel.speed.breaches.total).toBeGreaterThan(0);

    // How conversion fell with the wait for the first call: every bucket has leads, and the fastest converts best.
    const speedPays = await get<{ leads: number; buckets: Array<{ bucket: string; leads: number; sql: number; sqlRate: number | null }> }>(
      `${url}/v1/console/reports/speed-pays?${range}`,
      cookie,
    );
    for (const b of speedPays.buckets) expect(b.leads, b.bucket).toBeGreaterThan(0);
    expect(speedPays.buckets.reduce((s, b) => s + b.leads, 0)).toBe(speedPays.leads);
    const rate = (bucket: string) => speedPays.buckets.find((b) => b.bucket === bucket)!.sqlRate!;
    expect(rate('under_1m')).toBeGreaterThan(rate('5_30m'));
    expect(rate('5_30m')).toBeGreaterThan(rate('later'));

    // Which reps missed offers: each rep's offers add up; some expired and some were declined with reasons.
    const reps = await get<{
      reps: Array<{
        name: string;
        offers: Record<'received' | 'accepted' | 'declined' | 'expired' | 'taken' | 'open', number>;
        declineReasons: unknown[];
        wonRevenue: number;
      }>;
    }>(`${url}/v1/console/reports/reps?${range}`, cookie);
    expect(reps.reps.map((r) => r.name).sort()).toEqual(['Dana Reyes', 'Priya Nair', 'Sam Okafor', 'Tom Becker']);
    for (const r of reps.reps) {
      const o = r.offers;
      expect(o.received, r.name).toBe(o.accepted + o.declined + o.expired + o.taken + o.open);
      expect(o.open).toBe(0);
    }
    expect(reps.reps.filter((r) => r.offers.expired > 0).length).toBeGreaterThanOrEqual(3);
    expect(reps.reps.some((r) => r.declineReasons.length > 1)).toBe(true);
    // A rep's won revenue counts the deals they closed in the range, whenever the lead came.
    const [closed] = await queryRows<{ total: number }>(
      { dbPath: db, databaseUrl: null },
      "select coalesce(sum(deal_value), 0) as total from leads where stage = 'won' and closed_at >= ? and closed_at < ?",
      from,
      to,
    );
    expect(closed!.total).toBeGreaterThan(0);
    expect(reps.reps.reduce((s, r) => s + r.wonRevenue, 0)).toBe(closed!.total);

    // The agreed marketing SLA, and this month's pace against it.
    const sla = await get<{ current: { salesQuota: number } | null }>(`${url}/v1/console/sla`, cookie);
    expect(sla.current?.salesQuota).toBe(300_000);
    const { pace } = await get<{ pace: { mqls: { target: number }; sqls: { target: number }; speed: { handRaised: number } } | null }>(
      `${url}/v1/console/sla/pace`,
      cookie,
    );
    expect(pace!.mqls.target).toBeGreaterThan(0);
    expect(pace!.sqls.target).toBeGreaterThan(0);

    // Nobody is left waiting for an offer, and the demo's reps start as every new user does.
    const [waiting] = await queryRows<{ n: number }>(
      { dbPath: db, databaseUrl: null },
      "select count(*) as n from leads where routing in ('waiting', 'offered')",
    );
    expect(waiting!.n).toBe(0);

    // A restart on the same database seeds nothing again.
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const again = await startDemo(db);
    expect(again.p.output()).not.toContain('demo history seeded');
    const [leads] = await queryRows<{ n: number }>({ dbPath: db, databaseUrl: null }, 'select count(*) as n from leads');
    expect(leads!.n).toBe(leadCount);
  });

  it('with SIXTY_DEMO_HISTORY=0, the demo workspace starts with no leads', async () => {
    const db = join(tempDir(), 'data', 'sixty.db');
    const port = await freePort();
    const p = start({ PORT: String(port), SIXTY_DB: db, SIXTY_DEMO_HISTORY: '0', SIXTY_DEMO_PASSWORD: TEST_DEMO_PASSWORD, SIXTY_LOG_LEVEL: 'info' });
    await p.waitFor('Sixty is running');
    expect(p.output()).not.toContain('demo history seeded');
    const cookie = await signIn(`http://127.0.0.1:${port}`, 'admin@demo.sixty');
    const speedPays = await get<{ leads: number }>(`http://127.0.0.1:${port}/v1/console/reports/speed-pays`, cookie);
    expect(speedPays.leads).toBe(0);
    const [leads] = await queryRows<{ n: number }>({ dbPath: db, databaseUrl: null }, 'select count(*) as n from leads');
    expect(leads!.n).toBe(0);
  });
});
