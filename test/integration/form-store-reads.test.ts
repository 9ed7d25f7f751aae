// What the forms work reads through the store, on every backend (SQLite, and PostgreSQL/PGlite):
// the lead card's forms (from form_submissions and the form's name), and the routing snapshot of a
// draft lead that is never stored (a marketer's form test), which sees the workspace's reps and
// the site's rules exactly as a stored lead's snapshot does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { planCapture } from '../../server/capture/plan-capture.core';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };
const ANSWERS = { projects: 'commercial', size: '51-200', role: 'decision' };

describe.each(storeBackends())('on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let site: Site;

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    const { siteKey } = await seedDemo(store, NOW, 20_000, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
  });
  afterEach(async () => opened.close());

  it('the lead card lists the forms its person submitted, oldest first, by the form’s name', async () => {
    const plan = planCapture({
      site,
      name: 'Fran Form',
      phoneE164: '+14155552601',
      email: null,
      answers: ANSWERS,
      pageUrl: null,
      visitorId: null,
      qualification: HOT,
      stage: 'hot',
      idempotency: null,
      now: NOW,
    });
    const r = await store.commitCapture(plan, null);
    if (r.kind !== 'created') throw new Error('not created');
    await opened.query(
      `insert into forms_seen (site_id, form_key, workspace_id, name, page_url, fields, submissions, first_seen_at, last_seen_at) values (?, 'quote', ?, 'Quote form', 'https://x.test/q', '[]', 2, ?, ?) returning form_key`,
      site.id,
      site.workspaceId,
      NOW,
      NOW,
    );
    for (const [at, page] of [
      [NOW + 5, 'https://x.test/again'],
      [NOW, 'https://x.test/q'],
    ] as const)
      await opened.query(
        `insert into form_submissions (workspace_id, site_id, form_key, lead_id, page_url, at) values (?, ?, 'quote', ?, ?, ?) returning id`,
        site.workspaceId,
        site.id,
        r.leadId,
        page,
        at,
      );
    const card = await store.leadCard(r.leadId, site.workspaceId);
    expect(card!.forms).toEqual([
      { key: 'quote', name: 'Quote form', page: 'https://x.test/q', at: NOW },
      { key: 'quote', name: 'Quote form', page: 'https://x.test/again', at: NOW + 5 },
    ]);
  });

  it('a draft lead’s routing snapshot has the reps, teams and rules a stored lead’s has, and no history', async () => {
    const dana = (await store.userByEmail('dana@demo.sixty'))!;
    const online = new Set([dana.id]);
    const draft = await store.draftSnapshot(
      { workspaceId: site.workspaceId, siteId: site.id, phone: '+14155552601', email: 'fran@northwind.test', pageUrl: null, answers: ANSWERS, score: 70 },
      online,
      NOW,
    );
    const plan = planCapture({
      site,
      name: 'Fran Form',
      phoneE164: '+14155552601',
      email: 'fran@northwind.test',
      answers: ANSWERS,
      pageUrl: null,
      visitorId: null,
      qualification: HOT,
      stage: 'hot',
      idempotency: null,
      now: NOW,
    });
    const r = await store.commitCapture(plan, null);
    if (r.kind !== 'created') throw new Error('not created');
    const stored = (await store.routingSnapshot(r.leadId, online))!;
    expect(draft.reps).toEqual(stored.reps);
    expect(draft.rules).toEqual(stored.rules);
    expect([...draft.teams.keys()]).toEqual([...stored.teams.keys()]);
    expect({ ...draft.lead, id: 'x' }).toEqual({ ...stored.lead, id: 'x' });
    expect(draft.offers).toEqual([]);
    expect(draft.reps.find((x) => x.repId === dana.id)?.online).toBe(true);
    expect(draft).toMatchObject({ hotAt: NOW, roundStartedAt: NOW, previousOwnerId: null });
  });
});
