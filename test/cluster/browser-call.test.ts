// A browser call across two Sixty processes on one PostgreSQL and one Redis (issue 23: "in a
// cluster, signalling crosses processes through the existing Redis adapter"), through both real
// screens in Chromium with fake microphones: the customer's page loads the widget from process A,
// so the visitor's socket is on A; Dana's console is served by B, so her socket is on B.
// The visitor asks to talk in the browser, Dana accepts on B, the console's offer, the widget's
// answer and both sides' ICE candidates cross between A and B (the very SDP one page sent is what
// the other page heard), and both hear each other (getStats: inbound audio growing). Sam, who is
// no party of the call, and the visitor of another lead, each with a socket on A and one on B,
// try to hang it up, to send an offer and to report its end: every attempt is refused and the call
// holds. The visitor hangs up on A; the console on B ends too, and PostgreSQL holds the call as
// both sides reported it (one report on each process): who ended it, its length, both sides'
// quality figures, and the connect as the lead's first call attempt. A second call goes the other
// way round: Dana hangs up on B, the widget on A hears it and ends, and the rep is on the record.
// Both browsers relay through a real coturn on 127.0.0.1, as in test/e2e/browser-call.e2e.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallSignal } from '../../shared/schemas/call.schema';
import { launchBrowser, serveHostPage, type HostPage } from '../helpers/browser';
import { connectRep, offerInbox, startCluster, type Cluster, type SixtyProcess } from '../helpers/cluster';
import { startCoturn, type Coturn } from '../helpers/coturn';
import { callbackBody, connected, postCallback, repSocket, signIn, visitorSocket, type RepClient, type VisitorClient } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { audioFlows, CALL_MS, enableBrowserCalls, FAKE_MEDIA, inbound, repReadyForCalls, visitorWithFormFilled } from '../e2e/browser-call.helpers';
import { offerFor } from '../e2e/rep-helpers';

const SECRET = 'cluster-call-secret';
/** A third party's offer: a session description of its own, to be refused. */
const FORGED_SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=forged by a third party\r\n';

let coturn: Coturn;
let cluster: Cluster;
let A: SixtyProcess;
let B: SixtyProcess;
let browser: Browser;
let host: HostPage;
/** Dana's console on B, and what its socket carried, across the tests. */
let danaConsole: { page: Page; tap: SignalTap; errors: string[] };
let danaId: string;
/** Closers of what the test opened, run last-opened first. */
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  coturn = await startCoturn(SECRET);
  // Both processes hand out credentials for the same coturn, as a cluster behind one TURN server does.
  [cluster, browser] = await Promise.all([
    startCluster({ size: 2, offerTimeoutMs: 60_000, env: { SIXTY_TURN_URLS: coturn.url, SIXTY_TURN_SECRET: SECRET } }),
    launchBrowser(FAKE_MEDIA),
  ]);
  [A, B] = cluster.nodes as [SixtyProcess, SixtyProcess];
  const [site] = await cluster.rows<{ id: string }>('select id from sites where site_key = ?', cluster.siteKey);
  // The time-to-submit check off as well: the test fills the widget's form in milliseconds.
  await enableBrowserCalls(A.url, site!.id, { minSubmitMs: 0 });
  host = await serveHostPage('host-basic.html', A.url, cluster.siteKey);
}, 15 * 60_000);
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${cluster?.logs()}\n----- coturn\n${coturn?.log().slice(-4000)}`);
});
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await browser?.close();
  await host?.close();
  await cluster?.stop();
  await coturn?.close();
});

/** What one page's socket.io websockets carried: their URLs, and the call signals heard and said on them. */
interface SignalTap {
  urls: string[];
  heard: CallSignal[];
  said: CallSignal[];
}

/** Watches a page's websockets from now on (socket.io frames: `42/<namespace>,<ack id>["call:signal",{…}]`). */
function tapSignals(page: Page): SignalTap {
  const tap: SignalTap = { urls: [], heard: [], said: [] };
  const keep = (into: CallSignal[], payload: string | Buffer) => {
    const event = typeof payload === 'string' ? /^42(?:\/[^,[]*,)?\d*(\[.*)$/s.exec(payload) : null;
    if (!event) return;
    const [name, signal] = JSON.parse(event[1]!) as [string, CallSignal];
    if (name === 'call:signal') into.push(signal);
  };
  page.on('websocket', (ws) => {
    tap.urls.push(ws.url());
    ws.on('framereceived', (f) => keep(tap.heard, f.payload));
    ws.on('framesent', (f) => keep(tap.said, f.payload));
  });
  return tap;
}

const kinds = (signals: CallSignal[]) => new Set(signals.map((s) => s.kind));
const sdps = (signals: CallSignal[], kind: 'offer' | 'answer') => signals.flatMap((s) => (s.kind === kind ? [s.sdp] : []));
const candidates = (signals: CallSignal[]) => signals.flatMap((s) => (s.kind === 'candidate' ? [s.candidate.candidate] : []));
const portOf = (url: string) => Number(new URL(url).port);

/**
 * A visitor on the customer's page (the widget from A) asks to talk in the browser; Dana accepts
 * in her console on B; both hear each other and both screens say connected. The call's lead and
 * offer as the database has them.
 */
async function callAcross(name: string, email: string) {
  const { page: visitor, panel, errors } = await visitorWithFormFilled({ browser, host, cleanup }, name, email);
  const tap = tapSignals(visitor);
  await panel.getByRole('button', { name: 'Talk now in your browser' }).click();

  // Routing on A offers the lead to Dana, whose call tab is on B; she accepts there.
  const rep = danaConsole.page;
  const card = offerFor(rep, name);
  await card.waitFor({ timeout: 30_000 });
  expect(await card.locator('.badge-call').textContent()).toBe('Browser call');
  await card.getByRole('button', { name: /^Accept/ }).click();
  const dock = rep.getByRole('region', { name: `Browser call with ${name}` });
  await dock.waitFor({ timeout: 20_000 });

  // They talk: each side's audio reaches the other, and keeps coming.
  await audioFlows(visitor, `${name} (socket on A)`);
  await audioFlows(rep, 'Dana (socket on B)');
  const widget = visitor.locator('[data-sixty-panel]');
  await widget.locator('[data-sixty-call="connected"]').waitFor({ timeout: CALL_MS });
  expect(await widget.locator('[data-sixty-call-rep]').innerText()).toBe('On a call with Dana Reyes');
  await rep.locator('[data-call-phase="connected"]').waitFor({ timeout: CALL_MS });

  const [lead] = await cluster.rows<{ id: string; talk: string }>('select id, talk from leads where email = ?', email);
  expect(lead!.talk).toBe('browser');
  const [offer] = await cluster.rows<{ id: string }>("select id from offers where lead_id = ? and rep_id = ? and status = 'accepted'", lead!.id, danaId);
  return { visitor, widget, dock, tap, errors, leadId: lead!.id, offerId: offer!.id };
}

/**
 * The call's row once it ended and each of `sides` reported its figures (the first end decides who
 * ended it, a later one adds its figures).
 */
async function endedCall(offerId: string, sides: Array<'visitor' | 'rep'>) {
  const [call] = await waitFor(
    `the end on the record, with the figures of ${sides.join(' and ')}`,
    async () => {
      const found = await cluster.rows<{
        rep_id: string;
        ended_by: string | null;
        duration_ms: string | number | null;
        connected_at: string | number | null;
        visitor_loss_pct: number | null;
        rep_loss_pct: number | null;
      }>('select rep_id, ended_by, duration_ms, connected_at, visitor_loss_pct, rep_loss_pct from browser_calls where offer_id = ?', offerId);
      const row = found[0];
      return row?.ended_by && sides.every((side) => row[`${side}_loss_pct`] !== null) ? found : null;
    },
    20_000,
    200,
  );
  return call!;
}

/** The lead's first call attempt and owner. */
async function leadAfter(leadId: string) {
  const [lead] = await cluster.rows<{ first_call_at: string | number | null; owner_id: string }>(
    'select first_call_at, owner_id from leads where id = ?',
    leadId,
  );
  return lead!;
}

/** Signals of one call. */
const of = (offerId: string, signals: CallSignal[]) => signals.filter((s) => s.offerId === offerId);

describe('a browser call with the visitor on one process and the rep on another', () => {
  it('crosses processes both ways through Redis, ignores a third party on either process, and records the call as both sides reported it', async () => {
    [{ id: danaId }] = (await cluster.rows<{ id: string }>("select id from users where email = 'dana@demo.sixty'")) as [{ id: string }];

    // The third parties. Sam takes a phone lead of his own on A (Dana is not online yet), then goes
    // away; he has a socket on A and one on B, and so has that other lead's visitor.
    const samOnA = await connectRep(A, 'sam@demo.sixty', 'available');
    cleanup.push(() => samOnA.close());
    const samInbox = offerInbox(samOnA);
    const other = await postCallback(A.url, callbackBody(cluster.siteKey, { name: 'Ola Other', phone: '+1 415 555 0131' }));
    expect(other.status).toBe(201);
    const otherOffer = await samInbox.offerFor(other.body.leadId, 30_000);
    expect((await samOnA.emitWithAck('offer:accept', { offerId: otherOffer.offerId })).ok).toBe(true);
    expect((await samOnA.emitWithAck('presence:set', 'away')).ok).toBe(true);
    const samOnB = repSocket(B.url, await signIn(B.url, 'sam@demo.sixty'));
    const otherOnA = visitorSocket(A.url, other.body.visitorToken);
    const otherOnB = visitorSocket(B.url, other.body.visitorToken);
    for (const s of [samOnB, otherOnA, otherOnB]) cleanup.push(() => s.close());
    await Promise.all([connected(samOnB), connected(otherOnA), connected(otherOnB)]);

    // Dana's console on B, ready for browser calls, its sockets watched from the start.
    let consoleTap: SignalTap | undefined;
    const ready = await repReadyForCalls(browser, B, 'dana@demo.sixty', (page) => (consoleTap = tapSignals(page)));
    cleanup.push(() => ready.context.close());
    danaConsole = { page: ready.page, tap: consoleTap!, errors: ready.errors };
    const rep = danaConsole.page;

    const { visitor, widget, tap: visitorTap, errors: visitorErrors, leadId, offerId } = await callAcross('Noor Across', 'noor.across@example.com');

    // Each page's socket is on its own process: the widget's on A, the console's on B.
    const tapped = danaConsole.tap;
    expect(visitorTap.urls.length).toBeGreaterThan(0);
    expect(visitorTap.urls.map(portOf)).toEqual(visitorTap.urls.map(() => A.port));
    expect(tapped.urls.length).toBeGreaterThan(0);
    expect(tapped.urls.map(portOf)).toEqual(tapped.urls.map(() => B.port));
    // The signalling crossed both ways: the console's offer (B) is what the widget heard (A), the
    // widget's answer (A) what the console heard (B), and candidates went each way.
    expect(sdps(tapped.said, 'offer').length).toBeGreaterThan(0);
    expect(sdps(visitorTap.heard, 'offer').length).toBeGreaterThan(0);
    for (const sdp of sdps(visitorTap.heard, 'offer')) expect(sdps(tapped.said, 'offer')).toContain(sdp);
    const answers = sdps(visitorTap.said, 'answer');
    expect(answers.length).toBeGreaterThan(0);
    await waitFor('the console hearing the widget’s answer', () => sdps(tapped.heard, 'answer').length >= answers.length, 20_000, 100);
    expect(sdps(tapped.heard, 'answer')).toEqual(answers);
    expect(candidates(visitorTap.heard).length).toBeGreaterThan(0);
    for (const c of candidates(visitorTap.heard)) expect(candidates(tapped.said)).toContain(c);
    expect(candidates(tapped.heard).length).toBeGreaterThan(0);
    for (const c of candidates(tapped.heard)) expect(candidates(visitorTap.said)).toContain(c);
    for (const signal of [...visitorTap.heard, ...tapped.heard]) expect(signal.offerId).toBe(offerId);

    // A third party on either process: refused, every time, and nothing reaches the call's pages.
    const thirdParties: Array<[string, RepClient | VisitorClient]> = [
      ['Sam on A', samOnA],
      ['Sam on B', samOnB],
      ['another lead’s visitor on A', otherOnA],
      ['another lead’s visitor on B', otherOnB],
    ];
    for (const [who, socket] of thirdParties) {
      const party = socket as VisitorClient;
      expect(await party.emitWithAck('call:signal', { offerId, kind: 'hangup', reason: 'hangup' }), who).toMatchObject({ ok: false, error: 'forbidden' });
      expect(await party.emitWithAck('call:signal', { offerId, kind: 'offer', sdp: FORGED_SDP }), who).toMatchObject({ ok: false, error: 'forbidden' });
      expect(await party.emitWithAck('call:report', { offerId, event: 'ended', reason: 'hangup' }), who).toMatchObject({ ok: false, error: 'forbidden' });
      expect(await party.emitWithAck('call:ice-servers', { offerId }), who).toMatchObject({ ok: false, error: 'forbidden' });
    }
    // Each process refused the attempts made on it, and said so in its log.
    for (const node of [A, B]) expect(node.output(), node.name).toContain('not a party of the call');
    // The call holds: audio still flowing both ways, both screens connected, no hang-up heard, not ended on the record.
    await audioFlows(visitor, 'the visitor after the third parties');
    await audioFlows(rep, 'the rep after the third parties');
    expect(await widget.locator('[data-sixty-call="connected"]').count()).toBe(1);
    expect(await rep.locator('[data-call-phase="connected"]').count()).toBe(1);
    expect(kinds(visitorTap.heard).has('hangup')).toBe(false);
    expect(kinds(tapped.heard).has('hangup')).toBe(false);
    for (const sdp of sdps(visitorTap.heard, 'offer')) expect(sdps(tapped.said, 'offer')).toContain(sdp);
    const [during] = await cluster.rows<{ ended_at: number | null }>('select ended_at from browser_calls where offer_id = ?', offerId);
    expect(during!.ended_at).toBeNull();
    // Let the call run a little more, so its length is more than a blip.
    await visitor.waitForTimeout(2000);

    // The visitor hangs up on A: the console on B ends the call too.
    await widget.locator('[data-sixty-hangup]').click();
    await widget.locator('[data-sixty-call="ended"]').waitFor({ timeout: 20_000 });
    await rep.getByText(/Call ended: the visitor hung up after \d+ s/).waitFor({ timeout: 20_000 });
    await waitFor('the console’s peer connection closed', async () => (await inbound(rep)).state === 'closed', 20_000, 100);
    expect(kinds(visitorTap.said).has('hangup')).toBe(true);
    expect(kinds(tapped.heard).has('hangup')).toBe(true);

    // The record in PostgreSQL, written by both processes: the visitor's reports through A, the rep's through B.
    const call = await endedCall(offerId, ['visitor', 'rep']);
    expect(call.rep_id).toBe(danaId);
    expect(call.ended_by).toBe('visitor');
    expect(Number(call.duration_ms)).toBeGreaterThanOrEqual(2000);
    const lead = await leadAfter(leadId);
    expect(lead.owner_id).toBe(danaId);
    expect(Number(lead.first_call_at)).toBe(Number(call.connected_at));
    // The visitor's report, taken on A, reaches Dana's open lead card on B.
    await rep
      .locator('section.lead')
      .getByText(/Browser call ended after \d+ s: the visitor hung up/)
      .waitFor({ timeout: 20_000 });
    expect(danaConsole.errors).toEqual([]);
    expect(visitorErrors).toEqual([]);
  }, 600_000);

  it('carries the rep’s hang-up on B to the visitor on A, and records the rep as the one who ended the call', async () => {
    const { visitor, widget, dock, tap: visitorTap, errors: visitorErrors, leadId, offerId } = await callAcross('Kim Across', 'kim.across@example.com');
    const tapped = danaConsole.tap;
    expect(visitorTap.urls.map(portOf)).toEqual(visitorTap.urls.map(() => A.port));
    // This call's offer went from B to A as the previous one did.
    expect(sdps(of(offerId, visitorTap.heard), 'offer').length).toBeGreaterThan(0);
    for (const sdp of sdps(of(offerId, visitorTap.heard), 'offer')) expect(sdps(of(offerId, tapped.said), 'offer')).toContain(sdp);
    await visitor.waitForTimeout(2000);

    // Dana hangs up in her console on B: the widget on A hears it and ends the call too.
    await dock.getByRole('button', { name: 'Hang up' }).click();
    await waitFor('the widget hearing the console’s hang-up', () => kinds(of(offerId, visitorTap.heard)).has('hangup'), 20_000, 100);
    expect(kinds(of(offerId, tapped.said)).has('hangup')).toBe(true);
    await widget.locator('[data-sixty-call="ended"]').waitFor({ timeout: 20_000 });
    await waitFor('the widget’s peer connection closed', async () => (await inbound(visitor)).state === 'closed', 20_000, 100);
    await danaConsole.page.getByText(/Call ended: you hung up after \d+ s/).waitFor({ timeout: 20_000 });

    // The rep's end, reported on B, decides; the widget sends no report of an end it heard (CallView.tsx).
    const call = await endedCall(offerId, ['rep']);
    expect(call.rep_id).toBe(danaId);
    expect(call.ended_by).toBe('rep');
    expect(Number(call.duration_ms)).toBeGreaterThanOrEqual(2000);
    expect(Number((await leadAfter(leadId)).first_call_at)).toBe(Number(call.connected_at));
    expect(danaConsole.errors).toEqual([]);
    expect(visitorErrors).toEqual([]);
  }, 600_000);
});
