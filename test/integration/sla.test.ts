// The marketing SLA saved per workspace: managers and admins save it (every save kept with who
// and when), bad values are refused field by field, reps are kept out; its targets against this
// month's pace count what the report counts; each manager's own digest choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketingSla } from '../../shared/marketing-sla';
import { addUser } from '../helpers/console-users';
import { callbackBody, postCallback, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
let manager: string;
let rep: string;
const SLA = { salesQuota: 120_000, marketingShare: 0.5, averageDealSize: 6000, leadToMql: 0.3, mqlToSql: 0.4, sqlToCustomer: 0.25 };

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  rep = await signIn(server.url, 'dana@demo.sixty');
  manager = await addUser(server.url, admin, { email: 'mia@demo.sixty', name: 'Mia Manager', role: 'manager' });
});
afterAll(() => server.stop());

async function call(path: string, cookie: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie, origin: server.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the saved marketing SLA', () => {
  it('starts unsaved, with no pace to judge', async () => {
    expect(await call('/v1/console/sla', admin)).toEqual({ status: 200, body: { current: null, history: [] } });
    expect((await call('/v1/console/sla/pace', admin)).body).toEqual({ pace: null });
  });

  it('refuses bad values field by field and saves nothing', async () => {
    const bad = await call('/v1/console/sla', manager, 'PUT', {
      salesQuota: -5,
      marketingShare: 1.5,
      averageDealSize: 0,
      leadToMql: 0,
      mqlToSql: '40',
      sqlToCustomer: 0.25,
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      salesQuota: 'Cannot be negative',
      marketingShare: 'Use a share between 0 and 1 (0% to 100%)',
      averageDealSize: 'Must be above 0',
      leadToMql: 'Must be above 0: no stage converts nothing',
      // The app's field errors name a wrong type as missing (server/http/errors.ts).
      mqlToSql: 'Required',
      extra: 'Unknown field',
    });
    const missing = await call('/v1/console/sla', manager, 'PUT', { salesQuota: 1 });
    expect(missing.body.error.fields).toMatchObject({ marketingShare: 'Required', sqlToCustomer: 'Required' });
    expect((await call('/v1/console/sla', admin)).body.history).toEqual([]);
  });

  it('keeps every save with who made it and when; the newest is in force', async () => {
    const before = Date.now();
    const first = await call('/v1/console/sla', admin, 'PUT', SLA);
    expect(first.status).toBe(200);
    expect(first.body.current).toMatchObject({ ...SLA, changedByName: 'Alex Admin' });
    const second = await call('/v1/console/sla', manager, 'PUT', { ...SLA, mqlToSql: 0.5 });
    expect(second.body.history.map((h: any) => [h.changedByName, h.mqlToSql])).toEqual([
      ['Mia Manager', 0.5],
      ['Alex Admin', 0.4],
    ]);
    expect(second.body.current.changedAt).toBeGreaterThanOrEqual(before);
    expect(second.body.current.changedAt).toBeLessThanOrEqual(Date.now());
    // Another member of the workspace sees the same SLA.
    expect((await call('/v1/console/sla', admin)).body.current).toEqual(second.body.current);
  });

  it('keeps reps out', async () => {
    expect((await call('/v1/console/sla', rep)).status).toBe(403);
    expect((await call('/v1/console/sla', rep, 'PUT', SLA)).status).toBe(403);
    expect((await call('/v1/console/sla/pace', rep)).status).toBe(403);
    expect((await call('/v1/console/sla/digest', rep, 'PUT', { frequency: 'daily', timeZone: 'UTC' })).status).toBe(403);
  });

  it("sets the agreed targets against this month's counts, as the report counts them", async () => {
    await postCallback(server.url, callbackBody(server.siteKey));
    await postCallback(server.url, callbackBody(server.siteKey, { phone: '+1 415 555 0177', email: 'other@example.com' }));
    const { pace } = (await call('/v1/console/sla/pace?tz=Europe/Berlin', admin)).body;
    const targets = marketingSla({ ...SLA, mqlToSql: 0.5 })!;
    expect(pace.mqls.target).toBe(targets.mqls);
    expect(pace.sqls.target).toBe(targets.sqls);
    expect(pace.timeZone).toBe('Europe/Berlin');
    const report = (await call(`/v1/console/reports?from=${new Date(pace.month.from).toISOString()}&to=${new Date(pace.now).toISOString()}`, admin)).body;
    const count = (step: string) => report.funnel.steps.find((s: any) => s.step === step).count;
    expect(pace.mqls.actual).toBe(count('mql'));
    expect(pace.mqls.actual).toBeGreaterThanOrEqual(2);
    expect(pace.sqls.actual).toBe(count('sql'));
    expect(pace.speed.breaches).toBe(report.speed.breaches.total);
    expect(pace.mqls.expected).toBeCloseTo(targets.mqls * pace.elapsed, 6);
    expect(pace.behind.marketing).toBe(pace.mqls.actual < pace.mqls.expected);
    expect((await call('/v1/console/sla/pace?tz=Mars/Olympus', admin)).body.error.fields).toEqual({ tz: 'Unknown time zone' });
  });

  it("each manager's digest is their own, off by default", async () => {
    expect((await call('/v1/console/sla/digest', manager)).body).toEqual({ frequency: 'off', timeZone: 'UTC', sendsAt: '08:00', mailEnabled: false });
    const bad = await call('/v1/console/sla/digest', manager, 'PUT', { frequency: 'hourly', timeZone: 'Nowhere/Land' });
    expect(bad.body.error.fields).toEqual({ frequency: 'Pick off, daily or weekly', timeZone: 'Unknown time zone' });
    expect((await call('/v1/console/sla/digest', manager, 'PUT', { frequency: 'weekly', timeZone: 'Europe/Berlin' })).body).toMatchObject({
      frequency: 'weekly',
      timeZone: 'Europe/Berlin',
    });
    expect((await call('/v1/console/sla/digest', admin)).body.frequency).toBe('off');
    expect((await call('/v1/console/sla/digest', manager, 'PUT', { frequency: 'off', timeZone: 'Europe/Berlin' })).body.frequency).toBe('off');
  });
});
