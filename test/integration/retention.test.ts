// Retention: anonymous behaviour events go after 90 days (by the scheduled job, here run with a
// fake clock); a known lead's history stays.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
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
    expect(await server.retention.run()).toEqual({ events: 2, visitors: 1 });
    expect(count("select count(*) as n from events where visitor_id = 'visitor_anon_old'")).toBe(0);
    expect(count("select count(*) as n from events where visitor_id = 'visitor_known_1'")).toBe(2);
    expect(count("select count(*) as n from events where visitor_id = 'visitor_anon_new'")).toBe(1);
    expect(count("select count(*) as n from visitors where visitor_id = 'visitor_anon_old'")).toBe(0);
  });
});
