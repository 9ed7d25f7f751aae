// The capture admission's store, on SQLite and PostgreSQL (PGlite in npm test), for a request
// without a phone (a browser call, issue 23): no number is asked about (a null phone matches no
// request), and a number the same person gives later becomes their lead's, never replacing one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackGuardStore } from '../../server/callbacks/callback-guard-store';
import { planCapture } from '../../server/capture/plan-capture.core';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { storeRules } from '../../server/routing/store-rules';
import type { Qualification } from '../../shared/qualify/types';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

interface Opened {
  store: Store;
  guard: CallbackGuardStore;
  close(): Promise<void>;
}

const backends: Array<{ name: string; open(): Promise<Opened> }> = [
  {
    name: 'sqlite',
    async open() {
      const { openDatabase } = await import('../../server/db/sqlite/open');
      const { createSqliteStore } = await import('../../server/db/sqlite/sqlite-store');
      const { createCallbackGuardOps } = await import('../../server/db/sqlite/callback-guard-ops');
      const db = openDatabase(':memory:');
      const store = createSqliteStore(db, storeRules);
      return { store, guard: createCallbackGuardOps(db), close: async () => void (await store.close()) };
    },
  },
  {
    name: 'postgres',
    async open() {
      const { createPgStore } = await import('../../server/db/pg/pg-store');
      const { createCallbackGuardOps } = await import('../../server/db/pg/callback-guard-ops');
      const url = await PG.createDatabase();
      const [pool] = await PG.openPools(url, 1, 4);
      const store = createPgStore(pool!, storeRules);
      return {
        store,
        guard: createCallbackGuardOps(pool!),
        async close() {
          await store.close();
          await PG.dropDatabase(url);
        },
      };
    },
  },
];

describe.each(backends)('on $name', (backend) => {
  let opened: Opened;
  let site: Site;

  beforeEach(async () => {
    opened = await backend.open();
    site = (await opened.store.siteByKey((await seedDemo(opened.store, NOW, 20_000, TEST_DEMO_PASSWORD)).siteKey))!;
  });
  afterEach(() => opened.close());

  /** A lead as the capture commits it, with its admitted request settled to it. */
  async function lead(phone: string, email: string): Promise<string> {
    const admitted = await opened.guard.admit({ workspaceId: site.workspaceId, siteId: site.id, phone, email, at: NOW, limit: null, since: 0 });
    if (!admitted.ok) throw new Error('not admitted');
    const r = await opened.store.commitCapture(
      planCapture({
        site,
        name: 'Pat',
        phoneE164: phone,
        ...(phone ? {} : { talk: 'browser' as const }),
        email,
        answers: {},
        pageUrl: null,
        visitorId: null,
        qualification: HOT,
        stage: 'hot',
        idempotency: null,
        now: NOW,
      }),
      null,
    );
    if (r.kind !== 'created') throw new Error('not created');
    await opened.guard.settle({ requestId: admitted.requestId, workspaceId: site.workspaceId, leadId: r.leadId, at: NOW, note: null });
    return r.leadId;
  }

  /** A repeat from the same person joining `leadId`, giving `phone`. */
  async function repeat(leadId: string, phone: string) {
    const admitted = await opened.guard.admit({
      workspaceId: site.workspaceId,
      siteId: site.id,
      phone,
      email: 'x@example.com',
      at: NOW + 1,
      limit: null,
      since: 0,
    });
    if (!admitted.ok) throw new Error('not admitted');
    await opened.guard.settle({
      requestId: admitted.requestId,
      workspaceId: site.workspaceId,
      leadId,
      at: NOW + 1,
      note: 'Asked for a callback again (joined this lead)',
      phone,
    });
  }

  it('finds a phoneless request only by its email: a null phone matches no other phoneless request', async () => {
    const first = await lead('', 'one@example.com');
    expect(await opened.guard.recentLead(site.id, null, 'one@example.com', 0)).toBe(first);
    expect(await opened.guard.recentLead(site.id, null, 'two@example.com', 0)).toBeNull();
    expect(await opened.guard.recentLead(site.id, null, null, 0)).toBeNull();
  });

  it('gives a lead without a number the one its person gives later, and never replaces a number', async () => {
    const phoneless = await lead('', 'one@example.com');
    await repeat(phoneless, '+14155550233');
    expect((await opened.store.leadCard(phoneless, site.workspaceId))!.phone).toBe('+14155550233');
    expect((await opened.store.leadCard(phoneless, site.workspaceId))!.timeline.map((e) => e.text)).toContain('Asked for a callback again (joined this lead)');

    const withPhone = await lead('+14155550234', 'two@example.com');
    await repeat(withPhone, '+14155550235');
    expect((await opened.store.leadCard(withPhone, site.workspaceId))!.phone).toBe('+14155550234');
  });
});
