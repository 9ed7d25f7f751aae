// Issue 14, finding 3: erasure left personal data in webhook deliveries. Deliveries were deleted
// by `payload like '%<leadId>%'`, but a Slack payload is only text ("Rhea Replay moved to HOT"),
// so those rows kept the erased person's name and Replay sent it again. Now every delivery
// about the person goes, found by its lead id (or, for rows older than that column, by the
// event it came from), and Replay has nothing left to send.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postCallback, rows, signIn, type TestServer } from '../helpers/test-server';
import { rawDatabaseText } from '../helpers/raw-database';
import type { Receiver } from '../helpers/receiver';
import { createWebhook, startWebhookRig, type WebhookRig } from '../helpers/webhook-rig';
import { waitFor } from '../helpers/wait-for';

let rig: WebhookRig;
let server: TestServer;
let receiver: Receiver;
let admin: string;

beforeAll(async () => {
  rig = await startWebhookRig();
  ({ server, receiver } = rig);
  admin = await signIn(server.url, 'admin@demo.sixty');
  for (const kind of ['slack', 'signed'])
    expect((await createWebhook(server, admin, { url: `${receiver.url}/${kind}`, kind, topics: ['*'] })).status).toBe(201);
});
afterAll(() => rig.stop());

function asAdmin(path: string, body?: unknown) {
  return fetch(`${server.url}/v1/console${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Makes a lead and waits until both webhooks have sent events naming them; returns the Slack deliveries' ids. */
async function leadWithDeliveries(name: string, phone: string): Promise<number[]> {
  expect((await postCallback(server.url, callbackBody(server.siteKey, { name, phone, email: undefined }))).status).toBe(201);
  await waitFor(`deliveries naming ${name}`, () =>
    ['/slack', '/signed'].every((path) => receiver.received.some((r) => r.path === path && r.body.includes(name))),
  );
  const hooks = (await (await asAdmin('/webhooks')).json()) as Array<{ kind: string; deliveries: Array<{ id: number; payload: string; status: string }> }>;
  const slack = hooks.find((h) => h.kind === 'slack')!.deliveries.filter((d) => d.payload.includes(name));
  // Slack text names the person, never the lead id: the shape the old erasure missed.
  expect(slack.length).toBeGreaterThan(0);
  expect(slack.every((d) => d.payload.startsWith('{"text":'))).toBe(true);
  return slack.map((d) => d.id);
}

/** Erases by phone, then proves no delivery names the person and Replay finds nothing to send. */
async function eraseAndCheck(name: string, phone: string, slackIds: number[]) {
  const erased = await asAdmin('/erasures', { phone });
  expect(erased.status).toBe(200);
  expect(await rows(server, 'select id from webhook_deliveries where payload like ?', `%${name}%`)).toEqual([]);
  expect(rawDatabaseText(server)).not.toContain(name);
  const heardBefore = receiver.received.length;
  for (const id of slackIds) expect((await asAdmin(`/webhooks/deliveries/${id}/replay`, {})).status).toBe(404);
  // A later lead's message arriving shows the dispatcher ran since: nothing about the erased person went out.
  const later = `Later ${name.split(' ')[0]}`;
  await postCallback(server.url, callbackBody(server.siteKey, { name: later, phone: '+1 415 555 0123', email: undefined }));
  await waitFor(`a Slack message about ${later}`, () => receiver.received.slice(heardBefore).some((r) => r.path === '/slack' && r.body.includes(later)));
  expect(receiver.received.slice(heardBefore).filter((r) => r.body.includes(name))).toEqual([]);
}

/**
 * Clears every delivery's lead id, as rows made before the column have it. On SQLite the update
 * runs with the server's secure_delete FAST, so it leaves no stale copy of its own in the file.
 */
async function forgetLeadIds() {
  const sql = 'update webhook_deliveries set lead_id = null';
  if (server.deps.config.databaseUrl) return void (await rows(server, sql));
  const db = new Database(server.deps.config.dbPath);
  try {
    db.pragma('secure_delete = FAST');
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

describe('erasing a person with webhooks set up', () => {
  it('deletes their Slack and signed deliveries, so Replay cannot send their name again', async () => {
    const ids = await leadWithDeliveries('Rhea Replay', '+1 415 555 0191');
    await eraseAndCheck('Rhea Replay', '+14155550191', ids);
  });

  it('also finds deliveries recorded before deliveries carried a lead id', async () => {
    const ids = await leadWithDeliveries('Lena Legacy', '+1 415 555 0192');
    await forgetLeadIds();
    await eraseAndCheck('Lena Legacy', '+14155550192', ids);
  });
});
