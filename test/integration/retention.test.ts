// Retention: anonymous behaviour events go after 90 days (by the scheduled job, here run with a
// fake clock); a known lead's history stays. Callback requests go once past the per-phone cap's
// day, and a request left pending by a process that died gives its slot back after 10 minutes.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';

const DAY = 24 * 3600 * 1000;
let now = Date.parse('2026-01-01T12:00:00Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(() => server.stop());

const count = (sql: string) => {
  const db = new Database(server.deps.config.dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('retention of anonymous behaviour', () => {
  it('deletes anonymous events after 90 days and keeps known leads’ history', async () => {
    const identify = { type: 'identify', at: now, props: { name: 'Kept Lead', phone: '+1 415 555 0199' } };
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_known_1', events: [pageView('/pricing', now), identify] });
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_anon_old', events: [pageView('/', now), pageView('/blog', now + 5000)] });
    now += 60 * DAY;
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_anon_new', events: [pageView('/', now)] });
    expect(count('select count(*) as n from events')).toBe(5);

    now += 31 * DAY; // 91 days after the first events, 31 after the newer one.
    // The identify that made the known lead passed the lead admission, whose record (kept for the
    // per-phone daily cap and repeat joining) is forgotten once past its windows too.
    expect(await server.retention.run()).toEqual({ events: 2, visitors: 1, callbackRequests: 1 });
    expect(count("select count(*) as n from events where visitor_id = 'visitor_anon_old'")).toBe(0);
    expect(count("select count(*) as n from events where visitor_id = 'visitor_known_1'")).toBe(2);
    expect(count("select count(*) as n from events where visitor_id = 'visitor_anon_new'")).toBe(1);
    expect(count("select count(*) as n from visitors where visitor_id = 'visitor_anon_old'")).toBe(0);
  });
});

describe('retention of callback requests', () => {
  let capped: TestServer;
  beforeAll(async () => {
    capped = await startTestServer({ clock: () => now, limits: { callbacksPerPhonePerDay: 1 } });
  });
  afterAll(() => capped.stop());

  it('frees a slot held by a request its process never finished, and forgets requests past the day', async () => {
    const rows = () => {
      const db = new Database(capped.deps.config.dbPath, { readonly: true });
      try {
        return (db.prepare('select count(*) as n from callback_requests').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const site = (await capped.deps.store.siteByKey(capped.siteKey))!;
    const phone = '+14155552671';
    // What a process killed between admitting a request and making its lead leaves behind.
    const db = new Database(capped.deps.config.dbPath);
    db.pragma('busy_timeout = 5000');
    db.prepare('insert into callback_requests (workspace_id, site_id, phone, email, lead_id, at) values (?, ?, ?, null, null, ?)').run(
      site.workspaceId,
      site.id,
      phone,
      now,
    );
    db.close();
    const ask = (extra: Record<string, unknown> = {}) => postCallback(capped.url, callbackBody(capped.siteKey, { phone, ...extra }));
    expect((await ask()).status).toBe(429);

    now += 5 * 60_000; // It could still be in flight: kept.
    expect(await capped.retention.run()).toEqual({ events: 0, visitors: 0, callbackRequests: 0 });
    expect((await ask()).status).toBe(429);

    now += 6 * 60_000; // 11 minutes: no request lives that long, so its process is gone.
    expect((await capped.retention.run()).callbackRequests).toBe(1);
    const made = await ask();
    expect(made.status).toBe(201);
    expect((await ask({ phone: '+1 415 555 0142', email: 'sam@example.com' })).status).toBe(201);
    expect(rows()).toBe(2);

    now += 24 * 3600_000; // Exactly a day: both still count in the cap (at >= now - 1 day).
    expect((await capped.retention.run()).callbackRequests).toBe(0);
    now += 1;
    expect((await capped.retention.run()).callbackRequests).toBe(2);
    expect(rows()).toBe(0);
    // Only the bookkeeping went: the leads are untouched.
    expect(await capped.deps.store.leadCard(made.body.leadId, site.workspaceId)).toBeTruthy();
  });
});
