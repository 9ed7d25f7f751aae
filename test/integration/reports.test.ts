// The numbers over a real history, checked against figures computed independently from the
// raw rows; visitors and sources as people came (tracked or not); and the CSV export, safe
// against formula injection, with every field the lead card shows.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, HOST_ORIGIN, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';
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
        body: JSON.stringify({
          outcome: 'sql',
          qualification: { needs: 'A new line', currentSolution: 'None', decisionMaker: 'Yes', readyOrBudget: 'This quarter' },
        }),
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

    const waits = (
      await rows<{ w: number }>(server, 'select accepted_at - coalesce(hot_at, captured_at) as w from leads where hot and accepted_at is not null')
    )
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

  it('exports the same table as .xlsx, with phones, ids and answers as text cells and times as dates', async () => {
    const res = await fetch(`${server.url}/v1/console/reports/leads.xlsx`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Leads')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const csvHeader = parseCsv(await (await fetch(`${server.url}/v1/console/reports/leads.csv`, { headers: { cookie: admin } })).text())[0];
    expect(header).toEqual(csvHeader);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1);
    const leads = (await rows<{ n: number }>(server, 'select count(*) as n from leads'))[0]!.n;
    expect(sheet.rowCount).toBe(leads + 1);
    for (let r = 2; r <= sheet.rowCount; r++) {
      expect(cell(r, 'phone').type).toBe(ExcelJS.ValueType.String);
      expect(String(cell(r, 'phone').value)).toMatch(/^\+1415555\d{4}$/);
      expect(cell(r, 'id').type).toBe(ExcelJS.ValueType.String);
      expect(cell(r, 'How many employees?').type).toBe(ExcelJS.ValueType.String);
      expect(cell(r, 'captured_at').type).toBe(ExcelJS.ValueType.Date);
    }
    // A formula-like name is a string cell, never a formula.
    const names = Array.from({ length: sheet.rowCount - 1 }, (_, i) => cell(i + 2, 'name'));
    expect(names.find((c) => String(c.value).startsWith('=HYPERLINK'))!.type).toBe(ExcelJS.ValueType.String);
  });

  it('validates the date range and refuses reps', async () => {
    const bad = await fetch(`${server.url}/v1/console/reports?from=yesterday`, { headers: { cookie: admin } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('from');
    const rep = await signIn(server.url, 'sam@demo.sixty');
    expect((await fetch(`${server.url}/v1/console/reports`, { headers: { cookie: rep } })).status).toBe(403);
  });

  it('counts callback-only leads as visitors, and attributes a callback by its own page URL and referrer', async () => {
    // A tracked visitor who says which company they are from, then asks for a callback.
    const visitorId = `visitor_cora_${Date.now().toString(36)}`;
    const identify = { type: 'identify', at: Date.now(), props: { company: 'Acme Ovens', email: 'cora@acme.example' } };
    expect((await postEvents(server.url, { siteKey: server.siteKey, visitorId, events: [pageView('/'), identify] })).status).toBe(200);
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Cora Company', phone: '+1 415 555 0150', visitorId }));
    // Callbacks from pages without tracking: one from a Google ad's landing page, one sent by another site.
    const ad = `${HOST_ORIGIN}/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring`;
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Gus Google', phone: '+1 415 555 0151', pageUrl: ad }));
    await postCallback(
      server.url,
      callbackBody(server.siteKey, { name: 'Rita Referral', phone: '+1 415 555 0152', referrer: 'https://news.example.org/best-ovens' }),
    );

    const report = (await (await fetch(`${server.url}/v1/console/reports`, { headers: { cookie: admin } })).json()) as any;
    const steps = Object.fromEntries(report.funnel.steps.map((s: { step: string; count: number }) => [s.step, s.count]));
    // Visitors: tracked ones (not bots), and every lead that is not one of them.
    const tracked = (await rows<{ n: number }>(server, 'select count(*) as n from visitors where is_bot = false'))[0]!.n;
    const untracked = (
      await rows<{ n: number }>(
        server,
        'select count(*) as n from leads l where not exists (select 1 from visitors v where v.site_id = l.site_id and v.visitor_id = l.visitor_id and v.is_bot = false)',
      )
    )[0]!.n;
    expect(tracked).toBe(1);
    expect(untracked).toBe(steps.leads - 1);
    expect(steps.visitors).toBe(tracked + untracked);
    expect(report.funnel.steps[1].conversionFromPrevious).toBeLessThanOrEqual(1);

    expect(report.funnel.sources).toContainEqual({ source: 'google', leads: 1, mql: 1, sql: 0 });
    expect(report.funnel.sources).toContainEqual({ source: 'news.example.org', leads: 1, mql: 1, sql: 0 });
    expect(report.funnel.campaigns).toContainEqual({ campaign: 'spring', leads: 1, mql: 1, sql: 0 });
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
    expect(csv.split('\r\n')[0]).toMatch(/^id,captured_at,name,phone,email,company,/);

    // A column for every field the lead card shows: company, each must-have answer, source and UTM, trail.
    const table = parseCsv(csv);
    const header = table[0]!;
    for (const column of [
      'company',
      'What kind of projects do you do?',
      'How many employees?',
      'score_reasons',
      'source',
      'utm_campaign',
      'landing_url',
      'visits',
      'page_trail',
      'notes',
      'sql_needs',
      'timeline',
    ]) {
      expect(header).toContain(column);
    }
    const row = (name: string) => Object.fromEntries(header.map((h, i) => [h, table.find((r) => r[2] === name)![i]]));
    expect(row('Cora Company')).toMatchObject({ company: 'Acme Ovens', phone: '+14155550150', 'What kind of projects do you do?': 'Commercial', visits: '1' });
    expect(row('Cora Company').page_trail).toMatch(/page_view http:\/\/localhost:5999\//);
    expect(row('Gus Google')).toMatchObject({ source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', company: '' });
    expect(row('Bo Plain')).toMatchObject({ sql_needs: '', outcome: '', stage: 'sal' });
    expect(row('Rita Referral')).toMatchObject({ source: 'news.example.org', referrer: 'https://news.example.org/best-ovens' });
  });
});

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      ((row = []), (field = ''), i++);
    } else field += ch;
  }
  return out;
}
