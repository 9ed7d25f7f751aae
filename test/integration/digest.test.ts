// The numbers digest by mail, on a fake clock with a local SMTP server: it goes out at 08:00 in
// each recipient's zone (daily; weekly on Mondays), once per period even across a restart, only
// to managers and admins who opted in, with the figures GET /v1/console/reports gives for the
// same range and a link to Numbers on the public origin.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { durationText } from '../../server/sla/digest-mail';
import { addUser } from '../helpers/console-users';
import { startInbox, type Inbox } from '../helpers/smtp-inbox';
import { callbackBody, connected, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { fakeTime } from '../sim/fake-time';

const PUBLIC = 'https://sixty.example.com';
/** Friday 4 December 2026, 14:00 UTC. */
const FRIDAY = Date.UTC(2026, 11, 4, 14);
const SLA = { salesQuota: 100_000, marketingShare: 0.5, averageDealSize: 5000, leadToMql: 0.3, mqlToSql: 0.4, sqlToCustomer: 0.25 };

let mail: Inbox;
let time: ReturnType<typeof fakeTime>;
let server: TestServer;
let admin: string;
/** The first server's folder, which holds the database the restarted server opens. */
let firstDir: string | null = null;

beforeAll(async () => {
  mail = await startInbox();
  time = fakeTime(FRIDAY);
  server = await startTestServer({ ...time.server, smtpUrl: mail.url, publicUrl: PUBLIC });
  admin = await signIn(server.url, 'admin@demo.sixty');
  const mia = await addUser(server.url, admin, { email: 'mia@demo.sixty', name: 'Mia Manager', role: 'manager' }, mail.messages);
  await addUser(server.url, admin, { email: 'max@demo.sixty', name: 'Max Manager', role: 'manager' }, mail.messages);
  mail.messages.length = 0;
  const put = (path: string, cookie: string, body: unknown) =>
    fetch(`${server.url}/v1/console/sla${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify(body),
    });
  expect((await put('', admin, SLA)).status).toBe(200);
  // Mia: daily at 08:00 Berlin (07:00 UTC). Alex: weekly, Mondays 08:00 UTC. Max: never opted in.
  // Dana (a rep) cannot opt in.
  expect((await put('/digest', mia, { frequency: 'daily', timeZone: 'Europe/Berlin' })).status).toBe(200);
  expect((await put('/digest', admin, { frequency: 'weekly', timeZone: 'UTC' })).status).toBe(200);
  expect((await put('/digest', await signIn(server.url, 'dana@demo.sixty'), { frequency: 'daily', timeZone: 'UTC' })).status).toBe(403);

  // Friday's history: one callback Dana accepts after 12 s, one nobody accepts (an SLA breach), and a won deal.
  const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  await connected(dana);
  const offers: OfferView[] = [];
  dana.on('offer:new', (o) => offers.push(o));
  await dana.emitWithAck('presence:set', 'available');
  expect((await postCallback(server.url, callbackBody(server.siteKey))).status).toBe(201);
  await waitFor('first offer', () => offers.length === 1);
  await time.scheduler.advanceTo(time.clock.now + 12_000);
  const ack = await dana.emitWithAck('offer:accept', { offerId: offers[0]!.offerId });
  if (!ack.ok) throw new Error(ack.error);
  dana.close();
  expect((await postCallback(server.url, callbackBody(server.siteKey, { phone: '+1 415 555 0190', email: 'b@example.com' }))).status).toBe(201);
  await time.scheduler.advanceTo(time.clock.now + 5 * 60_000);
  await rows(server, "update leads set stage = 'won', deal_value = 4200, closed_at = ? where id = ?", FRIDAY + 3600_000, ack.data.id);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await mail?.close();
  if (firstDir) rmSync(firstDir, { recursive: true, force: true });
});

/** The mail's text, quoted-printable undone. */
const textOf = (body: string) => {
  const raw = body.replace(/=\r?\n/g, '').replace(/\r/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '=' && /^[0-9A-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(raw.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
};
const figure = (text: string, label: string) => new RegExp(`^${label}: (.+)$`, 'm').exec(text)?.[1];
const to = (who: string) => mail.messages.filter((m) => m.to === who);

async function report(from: number, until: number) {
  const res = await fetch(`${server.url}/v1/console/reports?from=${new Date(from).toISOString()}&to=${new Date(until).toISOString()}`, {
    headers: { cookie: admin },
  });
  return (await res.json()) as any;
}

function expectFiguresOf(text: string, r: any) {
  const count = (step: string) => String(r.funnel.steps.find((s: any) => s.step === step).count);
  expect(figure(text, 'Leads')).toBe(count('leads'));
  expect(figure(text, 'MQLs')).toBe(count('mql'));
  expect(figure(text, 'SQLs')).toBe(count('sql'));
  expect(figure(text, 'SLA breaches')).toBe(String(r.speed.breaches.total));
  expect(figure(text, 'Median speed to lead \\(hand-raise to accept\\)')).toBe(durationText(r.speed.toAccept.medianMs));
  expect(figure(text, 'Median hand-raise to first call')).toBe(durationText(r.speed.toFirstCall.medianMs));
}

describe('the numbers digest', () => {
  it("goes out at 08:00 in Mia's zone, to her only, with the report's figures for her day", async () => {
    // Saturday 06:59:59 UTC is 07:59:59 in Berlin: nothing yet.
    const sat8Berlin = Date.UTC(2026, 11, 5, 7);
    await time.scheduler.advanceTo(sat8Berlin - 1000);
    expect(mail.messages).toEqual([]);
    await time.scheduler.advanceTo(sat8Berlin);
    await waitFor('the daily digest', () => mail.messages.length >= 1);
    expect(mail.messages.map((m) => m.to)).toEqual(['mia@demo.sixty']);
    const text = textOf(mail.messages[0]!.body);
    expect(text).toContain('Subject: Sixty daily numbers: Friday, 4 December 2026');
    // Friday in Berlin: Thursday 23:00 UTC to Friday 23:00 UTC.
    const r = await report(Date.UTC(2026, 11, 3, 23), Date.UTC(2026, 11, 4, 23));
    expect(r.funnel.steps.find((s: any) => s.step === 'leads').count).toBe(2);
    expect(r.speed.toAccept.medianMs).toBe(12_000);
    expect(r.speed.breaches.total).toBeGreaterThanOrEqual(1);
    expectFiguresOf(text, r);
    expect(figure(text, 'Won')).toBe('1');
    expect(figure(text, 'Revenue')).toBe('$4,200');
    expect(text).toContain(`See every figure in Numbers: ${PUBLIC}/console/numbers`);
    // The SLA's targets against December so far, judged at the send time.
    expect(text).toContain('Marketing SLA, December 2026 so far:');
    expect(text).toMatch(/^MQLs: \d+ of 100 \(/m);
  });

  it('sends each period once, across a restart on the same database, and the next period at its time', async () => {
    const monday8 = Date.UTC(2026, 11, 7, 8);
    await time.scheduler.advanceTo(monday8 - 3600_000);
    // Saturday's and Sunday's at 07:00 UTC; no weekly before Monday 08:00 UTC.
    expect(to('mia@demo.sixty')).toHaveLength(3);
    expect(to('admin@demo.sixty')).toHaveLength(0);

    // Restart on the same file, the clock past Mia's Monday send: the start-up pass sends nothing twice.
    const dbPath = server.deps.config.dbPath;
    const dir = server.dir;
    await server.close();
    time.scheduler.clear();
    server = await startTestServer({ ...time.server, smtpUrl: mail.url, publicUrl: PUBLIC, dbPath });
    admin = await signIn(server.url, 'admin@demo.sixty');
    await time.scheduler.advanceTo(monday8 - 1000);
    expect(to('mia@demo.sixty')).toHaveLength(3);
    await time.scheduler.advanceTo(monday8 + 6 * 3600_000);
    await waitFor('the weekly digest', () => to('admin@demo.sixty').length === 1);
    expect(to('mia@demo.sixty')).toHaveLength(3);
    expect(to('max@demo.sixty')).toHaveLength(0);
    expect(to('dana@demo.sixty')).toHaveLength(0);
    firstDir = dir;

    const weekly = textOf(to('admin@demo.sixty')[0]!.body);
    expect(weekly).toContain('Subject: Sixty weekly numbers: 30 Nov to 6 Dec 2026');
    expectFiguresOf(weekly, await report(Date.UTC(2026, 11, 7) - 7 * 86_400_000, Date.UTC(2026, 11, 7)));
    expect(figure(weekly, 'Won')).toBe('1');
    const keys = await rows<{ period: string }>(server, 'select period from digest_sends order by period');
    expect(keys.map((k) => k.period)).toEqual(['daily:2026-12-05', 'daily:2026-12-06', 'daily:2026-12-07', 'weekly:2026-12-07']);
  });

  it('stops when switched off, and a manager who becomes a rep gets none', async () => {
    const mia = await signIn(server.url, 'mia@demo.sixty', 'a long enough secret');
    await fetch(`${server.url}/v1/console/sla/digest`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: mia, origin: server.url },
      body: JSON.stringify({ frequency: 'off', timeZone: 'Europe/Berlin' }),
    });
    await rows(server, "update users set role = 'rep' where email = 'admin@demo.sixty'");
    await time.scheduler.advanceTo(Date.UTC(2026, 11, 15, 12));
    expect(to('mia@demo.sixty')).toHaveLength(3);
    expect(to('admin@demo.sixty')).toHaveLength(1);
  });
});
