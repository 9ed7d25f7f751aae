// Meeting settings in a real browser against a real server: an admin sets hour-long meetings and
// almost three hours' notice under the site's routing settings (a bad length is refused at the
// field first); a visitor who then leaves a callback outside hours is offered only times that
// follow them. Dana, alone in Sales, works 09:00 to 17:00 UTC and is busy 12:00 to 13:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { weeklyHours } from '../../server/routing/hours.core';
import { FakeCalendar } from '../helpers/fake-calendar';
import { launchBrowser } from '../helpers/browser';
import { callbackBody, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, DESKTOP, openSignedIn, shoot } from './console-admin.helpers';

// Monday 2026-11-23 07:00 UTC: Sales opens at 09:00.
const MONDAY_7 = Date.parse('2026-11-23T07:00:00Z');
const at = (hhmm: string) => new Date(Date.parse(`2026-11-23T${hhmm}:00Z`)).toISOString();

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const calendar = new FakeCalendar();

beforeAll(async () => {
  const started = Date.now();
  [server, browser] = await Promise.all([startTestServer({ clock: () => MONDAY_7 + (Date.now() - started), calendar }), launchBrowser()]);
  const dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!;
  const [team] = await server.deps.store.teams(dana.workspaceId);
  await server.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
  await server.deps.store.setTeamMembers(team!.id, [{ repId: dana.id }]);
  calendar.busy.set(dana.id, [{ start: Date.parse(at('12:00')), end: Date.parse(at('13:00')) }]);
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  page.setDefaultTimeout(8000);
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('meeting settings in the console', () => {
  it('sets the meeting length and notice that the times offered to a visitor follow', async () => {
    const site = (await server.deps.store.siteByKey(server.siteKey))!;
    await openSignedIn(page, server.url, `/sites/${site.id}/routing-settings`, 'admin@demo.sixty');
    const section = page.getByRole('region', { name: 'Meetings' });
    const length = section.getByLabel('Meeting length (minutes)');
    await expect.poll(() => length.inputValue()).toBe('30');
    await expect.poll(() => section.getByLabel('Minimum notice (minutes)').inputValue()).toBe('15');

    await length.fill('5');
    await section.getByRole('button', { name: 'Save meeting settings' }).click();
    await section.getByText('At least 10 minutes').waitFor();

    // 170 minutes from 07:00 (and the seconds this test takes): the first time is 10:00.
    await length.fill('60');
    await section.getByLabel('Minimum notice (minutes)').fill('170');
    await section.getByRole('button', { name: 'Save meeting settings' }).click();
    await section.getByText(/^Saved\./).waitFor();
    await shoot(page, 'console-admin-meetings');

    const res = await postCallback(server.url, callbackBody(server.siteKey));
    expect(res.status).toBe(201);
    const status = (res.body as { status: { state: string; slots: string[] } }).status;
    expect(status.state).toBe('no_rep');
    // From 10:00, not 09:00; hour-long, so 11:30 (into her 12:00 meeting) is not offered.
    expect(status.slots.slice(0, 4)).toEqual([at('10:00'), at('10:30'), at('11:00'), at('13:00')]);
    expect(errors).toEqual([]);
  });
});
