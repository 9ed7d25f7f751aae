// Right to erasure: after erasing a person, their name, phone and email are nowhere in the raw
// database file (or its WAL), webhook deliveries included (a Slack one names the person but not
// the lead), and a record of the erasure remains without them. On PostgreSQL (npm run
// test:cluster) the files are the server's, out of reach: the rows are checked there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, rows, signIn, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';
import { rawDatabaseText } from '../helpers/raw-database';
import type { Receiver } from '../helpers/receiver';
import { createWebhook, startWebhookRig, type WebhookRig } from '../helpers/webhook-rig';
import { waitFor } from '../helpers/wait-for';

let rig: WebhookRig;
let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  rig = await startWebhookRig();
  ({ server, receiver } = rig);
});
afterAll(() => rig.stop());

describe('erasing a person', () => {
  it('removes every trace of their name, phone and email from the database files, webhook deliveries included, and records the erasure', async () => {
    const phone = '+14155550177';
    const email = 'erase.me@private.example';
    const visitorId = 'visitor_erase_me_1';
    const admin = await signIn(server.url, 'admin@demo.sixty');
    for (const kind of ['slack', 'signed'])
      expect((await createWebhook(server, admin, { url: `${receiver.url}/${kind}`, kind, topics: ['*'] })).status).toBe(201);
    await postEvents(server.url, {
      siteKey: server.siteKey,
      visitorId,
      events: [pageView('/pricing'), { type: 'identify', at: Date.now(), props: { email } }],
    });
    const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(dana);
    const offered = new Promise<OfferView>((resolve) => dana.on('offer:new', resolve));
    await dana.emitWithAck('presence:set', 'available');
    const res = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Erin Erasable', phone: '(415) 555-0177', email, visitorId }), {
      key: 'erase-me-key-1',
    });
    const offer = await offered;
    await dana.emitWithAck('offer:accept', { offerId: offer.offerId });
    dana.close();
    // Someone else who must stay.
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Kim Keep', phone: '+1 415 555 0188', email: 'kim@keep.example' }));

    // Both webhooks have sent events about Erin: their deliveries hold her name.
    await waitFor('deliveries naming Erin on both webhooks', () =>
      ['/slack', '/signed'].every((path) => receiver.received.some((r) => r.path === path && r.body.includes('Erin Erasable'))),
    );
    const onFile = !server.deps.config.databaseUrl;
    await server.deps.store.ping();
    const before = rawDatabaseText(server);
    if (onFile) {
      expect(before).toContain(phone);
      expect(before).toContain(email);
    }

    const erased = await fetch(`${server.url}/v1/console/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ phone: '415-555-0177', email }),
    });
    expect(erased.status).toBe(200);
    const { removed } = (await erased.json()) as { removed: Record<string, number> };
    expect(removed).toMatchObject({ leads: 1, visitors: 1, events: 2, offers: 1, idempotency_keys: 1 });
    expect(removed.webhook_deliveries).toBeGreaterThanOrEqual(4);

    const after = rawDatabaseText(server);
    if (onFile) {
      expect(after).not.toContain(phone);
      expect(after).not.toContain(email);
      expect(after).not.toContain('Erin Erasable');
      expect(after).toContain('+14155550188');
    }

    expect(await rows(server, "select id from webhook_deliveries where payload like '%Erin Erasable%' or lead_id = ?", res.body.leadId)).toEqual([]);
    const record = await rows<{ actor: string; removed: string }>(server, 'select actor, removed from erasures');
    const [lead] = await rows<{ n: number }>(server, 'select count(*) as n from leads where id = ?', res.body.leadId);
    expect(lead!.n).toBe(0);
    expect(record).toHaveLength(1);
    expect(record[0]!.removed).not.toContain('0177');
  });

  it('is for admins, and needs a phone or an email', async () => {
    const rep = await signIn(server.url, 'sam@demo.sixty');
    const call = (cookie: string, body: unknown) =>
      fetch(`${server.url}/v1/console/erasures`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    expect((await call(rep, { email: 'x@y.example' })).status).toBe(403);
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const none = await call(admin, {});
    expect(none.status).toBe(400);
    expect((await none.json()).error.fields).toHaveProperty('phone');
  });
});
