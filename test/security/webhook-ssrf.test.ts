// Issue 14, finding 2: webhook SSRF. Any http(s) URL was accepted and fetched (127.0.0.1,
// localhost, 0.0.0.0, 2130706433, [::1], 169.254.169.254), and the delivery log (200, 404,
// "fetch failed") mapped internal ports. With the default settings (no SIXTY_FETCH_ALLOW) every
// such URL is refused when the webhook is made, a webhook that reaches the store anyway is
// never sent, a name that resolves to this machine is refused when sent, and the log reads the
// same for an open port and a closed one.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postCallback, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { closedPort, startReceiver, type Receiver } from '../helpers/receiver';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
let admin: string;
let receiver: Receiver;
let closed: number;
let workspaceId: string;

/** Every form of "this machine" or "the cloud metadata service" the issue reported. */
const internalUrls = (port: number) => [
  `http://127.0.0.1:${port}/hook`,
  `http://localhost:${port}/hook`,
  `http://0.0.0.0:${port}/hook`,
  `http://2130706433:${port}/hook`,
  `http://[::1]:${port}/hook`,
  `http://[::ffff:127.0.0.1]:${port}/hook`,
  `http://0x7f.1:${port}/hook`,
  'http://169.254.169.254/latest/meta-data/',
];

beforeAll(async () => {
  // Receives on every local spelling; it answers 404, as an internal service at a wrong path would.
  receiver = await startReceiver('::').catch(() => startReceiver('0.0.0.0'));
  receiver.status = 404;
  closed = await closedPort();
  // No fetchAllow: the defaults an operator gets.
  server = await startTestServer({ webhookTickMs: 50, webhookRetryBaseMs: 60_000 });
  admin = await signIn(server.url, 'admin@demo.sixty');
  workspaceId = (await server.deps.store.siteByKey(server.siteKey))!.workspaceId;
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

async function createWebhook(url: string) {
  const res = await fetch(`${server.url}/v1/console/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ url, kind: 'signed', topics: ['*'] }),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { fields?: Record<string, string> } } };
}

type LoggedDelivery = { attempts: number; lastStatus: number | null; lastError: string | null };
async function deliveryLog(): Promise<Array<{ id: string; url: string; deliveries: LoggedDelivery[] }>> {
  return (await (await fetch(`${server.url}/v1/console/webhooks`, { headers: { cookie: admin } })).json()) as never;
}

describe('webhook SSRF', () => {
  it('refuses every internal URL form when a webhook is made, with a message on the url field', async () => {
    for (const url of internalUrls(receiver.port)) {
      const res = await createWebhook(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error?.fields?.url, url).toMatch(/local or private network/);
    }
    expect(await deliveryLog()).toEqual([]);
  });

  it('never contacts an internal target that got into the store, and logs the same refusal for open and closed ports', async () => {
    // As if made before this check existed, or while an operator allowed it.
    const urls = [...internalUrls(receiver.port), ...internalUrls(closed)];
    // A name that resolves to this machine passes the check at creation (names may move) and is refused when sent.
    const self = hostname();
    const selfIsLocal = (await lookup(self, { all: true }).catch(() => [])).every((a) => a.address.startsWith('127.') || a.address === '::1');
    if (selfIsLocal) {
      const made = await createWebhook(`http://${self}:${receiver.port}/hook`);
      expect(made.status).toBe(201);
    }
    for (const url of urls)
      await server.deps.webhooks.create({ id: randomUUID(), workspaceId, url, kind: 'signed', secret: 'whsec_test', topics: ['*'], createdAt: Date.now() });
    const expected = urls.length + (selfIsLocal ? 1 : 0);

    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Sid Ssrf' }));
    const hooks = await waitFor(
      'an attempt at every webhook',
      async () => {
        const log = await deliveryLog();
        return log.length === expected && log.every((h) => h.deliveries.some((d) => d.attempts > 0)) ? log : undefined;
      },
      15_000,
      50,
    );

    expect(receiver.received).toEqual([]);
    const outcomes = new Set(hooks.flatMap((h) => h.deliveries.filter((d) => d.attempts > 0).map((d) => JSON.stringify([d.lastStatus, d.lastError]))));
    expect([...outcomes]).toEqual([JSON.stringify([null, 'refused: host not allowed or not found'])]);
  });
});
