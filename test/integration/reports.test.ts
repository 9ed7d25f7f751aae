// The numbers over a real history, checked against figures computed independently from the
// raw rows; and the CSV export, safe against formula injection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  // History: three hot callbacks accepted by Dana after different waits, one disqualified callback.
  const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  await connected(dana);
  const danaCookie = await signIn(server.url, 'dana@demo.sixty');
  const offers: OfferView[] = [];
  dana.on('offer:new', (o) => offers.push(o));
  await dana.emitWithAck('presence:set', 'available');
  const names = ['=HYPERLINK("http://evil.example","click")', 'Bo Plain', '@SUM(1+1)'];
  for (const [i, name] of names.entries()) {
    await postCallback(server.url, callbackBody(server.siteKey, { name, phone: `+1 415 555 01${10 + i}` }));
    await expectOffer(offers, i);
    await new Promise((r) => setTimeout(r, 40 * (i + 1)));
    const ack = await dana.emitWithAck('offer:accept', { offerId: offers[i]!.offerId });
    if (!ack.ok) throw new Error(`accept failed: ${ack.error}`);
    if (i === 0) {
      await fetch(`${server.url}/v1/console/leads/${ack.data.id}/outcome`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: danaCookie },
        body: JSON.stringify({ outcome: 'sql', qualification: { needs: 'A new line', currentSolution: 'None', decisionMaker: 'Yes', readyOrBudget: 'This quarter' } }),
      });
    }
  }
  await postCallback(server.url, callbackBody(server.siteKey, { answers: { projects: 'residential', size: '1-10', role: 'decision' } }));
  dana.close();
});
afterAll(() => server.stop());

/** Waits for offer number `i`. */
const expectOffer = (offers: OfferView[], i: number) => waitFor(`offer ${i + 1}`, () => offers.length > i);

describe('reports', () => {
  it('reports speed-to-lead and the funnel as the raw rows say', async () => {
    const res = await fetch(`${server.url}/v1/console/reports`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as any;

    const waits = (await rows<{ w: number }>(server, 'select accepted_at - coalesce(hot_at, captured_at) as w from leads where hot and accepted_at is not null'))
      .map((r) => r.w)
      .sort((a, b) => a - b);
    const leads = (await rows<{ n: number }>(server, 'select count(*) as n from leads'))[0]!.n;
    expect(waits).toHaveLength(3);
    expect(report.speed.toAccept).toMatchObject({ leads: 3, reached: 3, medianMs: waits[1], p90Ms: waits[2], within60s: 1 });
    expect(report.speed.byRep).toEqual([expect.objectContaining({ name: 'Dana Reyes' })]);
    const steps = Object.fromEntries(report.funnel.steps.map((s: { step: string; count: number }) => [s.step, s.count]));
    expect(steps).toMatchObject({ leads, mql: 3, sal: 3, sql: 1, opportunity: 0 });
    expect(report.funnel.disqualifyReasons[0].reason).toMatch(/Residential-only/);
  });

  it('validates the date range and refuses reps', async () => {
    const bad = await fetch(`${server.url}/v1/console/reports?from=yesterday`, { headers: { cookie: admin } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('from');
    const rep = await signIn(server.url, 'sam@demo.sixty');
    expect((await fetch(`${server.url}/v1/console/reports`, { headers: { cookie: rep } })).status).toBe(403);
  });

  it('exports leads and timelines as CSV with formulas neutralised and E.164 phones intact', async () => {
    const res = await fetch(`${server.url}/v1/console/reports/leads.csv`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toMatch(/,\+14155550111,/);
    expect(csv).not.toMatch(/,=|,@|,-[^0-9]/);
    expect(csv.split('\r\n')[0]).toMatch(/^id,captured_at,name,phone/);
  });
});
