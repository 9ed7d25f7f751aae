// A browser call end to end (issue 23), through both real screens: a visitor on a customer's page
// chooses "Talk now in your browser" in the widget, the rep's console (its microphone granted)
// shows a browser-call offer, the rep accepts, and the two talk: both sides' getStats() show audio
// coming in and growing. The visitor hangs up in the widget; the console ends the call too, opens
// the outcome form with the call's length, and the lead's record holds the call: who ended it,
// its length, the first call attempt set at connect. Numbers shows hand-raise to voice connected.
// Both browsers relay through a real coturn on 127.0.0.1 with Sixty's short-lived credentials, as
// a visitor behind a strict firewall would, so no call traffic leaves loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { rows } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { audioFlows, CALL_MS, inbound, repReadyForCalls, startCallWorld, visitorWithFormFilled, type CallWorld } from './browser-call.helpers';
import { DESKTOP, offerFor, signIn } from './rep-helpers';

const SECRET = 'end-to-end-call-secret';

let world: CallWorld;
beforeAll(async () => void (world = await startCallWorld(SECRET)), 15 * 60_000);
afterAll(() => world?.close());

describe('talk now in the browser, from the widget to the console', () => {
  it('connects the visitor with the rep who accepts in the console, both hear each other, and the visitor hanging up ends it on both sides with the call on the record', async () => {
    const { browser, server, cleanup } = world;
    // Dana's console, her microphone granted: ready for browser calls.
    const { context: repContext, page: rep, errors: repErrors } = await repReadyForCalls(browser, server, 'dana@demo.sixty');
    cleanup.push(() => repContext.close());

    // A visitor on the customer's page asks to talk now, in the browser.
    const { page: visitor, panel } = await visitorWithFormFilled(world, 'Noor Caller', 'noor@example.com');
    const askedAt = Date.now();
    await panel.getByRole('button', { name: 'Talk now in your browser' }).click();

    // The console's offer card says it is a browser call; Dana accepts and the call starts there.
    const card = offerFor(rep, 'Noor Caller');
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.badge-call').textContent()).toBe('Browser call');
    await card.getByRole('button', { name: /^Accept/ }).click();
    await rep.getByRole('region', { name: 'Browser call with Noor Caller' }).waitFor({ timeout: 10_000 });

    // They talk: each side's audio reaches the other, and keeps coming.
    await audioFlows(visitor, 'the visitor');
    await audioFlows(rep, 'the rep');
    const connectedMs = Date.now() - askedAt;
    console.log(`browser call: the visitor's click to both sides hearing audio, through both real screens: ${connectedMs} ms`);
    const widget = visitor.locator('[data-sixty-panel]');
    await widget.locator('[data-sixty-call="connected"]').waitFor({ timeout: CALL_MS });
    expect(await widget.locator('[data-sixty-call-rep]').innerText()).toBe('On a call with Dana Reyes');
    await rep.locator('[data-call-phase="connected"]').waitFor({ timeout: CALL_MS });
    await visitor.screenshot({ path: screenshotPath('browser-call-visitor-connected-1280') });
    await rep.screenshot({ path: screenshotPath('browser-call-rep-connected-1280') });
    // Let the call run a little, so its length is more than a blip.
    await visitor.waitForTimeout(2000);

    // The visitor hangs up in the widget: the console ends the call too.
    await widget.locator('[data-sixty-hangup]').click();
    await widget.locator('[data-sixty-call="ended"]').waitFor({ timeout: 10_000 });
    await rep.getByText(/Call ended: the visitor hung up after \d+ s/).waitFor({ timeout: 10_000 });
    await waitFor('the console’s peer connection closed', async () => (await inbound(rep)).state === 'closed', 10_000, 100);
    // The outcome form follows, with the call's length.
    await rep.waitForFunction(() => /^Browser call, \d+ s$/.test((document.querySelector('#outcome-notes') as HTMLTextAreaElement | null)?.value ?? ''));

    // The record: who ended it and how long it lasted; the connect is the lead's first call attempt.
    const [lead] = await rows<{ id: string; talk: string; first_call_at: number }>(
      server,
      "select id, talk, first_call_at from leads where email = 'noor@example.com'",
    );
    expect(lead!.talk).toBe('browser');
    const [call] = await waitFor(
      'the call recorded as ended',
      async () => {
        const found = await rows<{ ended_by: string | null; duration_ms: number; connected_at: number }>(
          server,
          'select ended_by, duration_ms, connected_at from browser_calls where lead_id = ?',
          lead!.id,
        );
        return found[0]?.ended_by ? found : null;
      },
      10_000,
      100,
    );
    expect(call!.ended_by).toBe('visitor');
    expect(Number(call!.duration_ms)).toBeGreaterThanOrEqual(2000);
    expect(Number(lead!.first_call_at)).toBe(Number(call!.connected_at));
    await rep
      .locator('section.lead')
      .getByText(/Browser call ended after \d+ s: the visitor hung up/)
      .waitFor({ timeout: 10_000 });
    expect(repErrors).toEqual([]);

    // Numbers: hand-raise to voice connected, beside hand-raise to accept.
    const adminContext = await browser.newContext(DESKTOP);
    cleanup.push(() => adminContext.close());
    const numbers = await adminContext.newPage();
    await signIn(numbers, server.url, 'admin@demo.sixty', '/queue');
    await numbers.goto(`${server.url}/console/numbers`);
    const voice = numbers.locator('[data-kpis="voice"]');
    await voice.waitFor({ timeout: 20_000 });
    expect(await voice.locator('[data-figure="voice-reached"]').textContent()).toBe('1 of 1 browser-call hand-raises reached this step.');
  }, 300_000);
});
