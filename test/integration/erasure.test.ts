// Right to erasure: after erasing a person, their phone and email are nowhere in the raw
// database file (or its WAL), and a record of the erasure remains without them. On PostgreSQL
// (npm run test:cluster) the files are the server's, out of reach: the rows are checked there.
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Raw bytes of the SQLite database and its WAL, as an attacker with the files would read them. */
function rawFiles(): string {
  if (server.deps.config.databaseUrl) return '';
  const path = server.deps.config.dbPath;
  return [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');
}

describe('erasing a person', () => {
  it('removes every trace of their phone and email from the database files, and records the erasure', async () => {
    const phone = '+14155550177';
    const email = 'erase.me@private.example';
    const visitorId = 'visitor_erase_me_1';
    await postEvents(server.url, { siteKey: server.siteKey, visitorId, events: [pageView('/pricing'), { type: 'identify', at: Date.now(), props: { email } }] });
    const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(dana);
    const offered = new Promise<OfferView>((resolve) => dana.on('offer:new', resolve));
    await dana.emitWithAck('presence:set', 'available');
    const res = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Erin Erasable', phone: '(415) 555-0177', email, visitorId }), { key: 'erase-me-key-1' });
    const offer = await offered;
    await dana.emitWithAck('offer:accept', { offerId: offer.offerId });
    dana.close();
    // Someone else who must stay.
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Kim Keep', phone: '+1 415 555 0188', email: 'kim@keep.example' }));

    const onFile = !server.deps.config.databaseUrl;
    await server.deps.store.ping();
    const before = rawFiles();
    if (onFile) {
      expect(before).toContain(phone);
      expect(before).toContain(email);
    }

    const admin = await signIn(server.url, 'admin@demo.sixty');
    const erased = await fetch(`${server.url}/v1/console/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ phone: '415-555-0177', email }),
    });
    expect(erased.status).toBe(200);
    const { removed } = (await erased.json()) as { removed: Record<string, number> };
    expect(removed).toMatchObject({ leads: 1, visitors: 1, events: 2, offers: 1, idempotency_keys: 1 });

    const after = rawFiles();
    if (onFile) {
      expect(after).not.toContain(phone);
      expect(after).not.toContain(email);
      expect(after).not.toContain('Erin Erasable');
      expect(after).toContain('+14155550188');
    }

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
