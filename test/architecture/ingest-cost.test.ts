// What a behaviour batch costs the database on POST /v1/events (SQLite), from the request's
// arrival to its answer: store calls, statements run and prepared, and transactions. Issue 17's
// "ingest no worse than before", in counts rather than timings (the bench's ingest figures move
// by 10-20% with the machine's load): a returning visitor's batch reads their row, inserts all
// its events in one statement and updates the row, in one transaction, and nothing more; the site
// and its settings come from memory and no statement is prepared per batch; batches arriving
// together share one commit. An identify that makes a lead commits it with the batch and does not
// read it back. (At 4230b08, before the plans and capture merges, the behaviour batches cost the
// same; that identify ran two statements more: a stage update and a re-read of the new lead.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../server/db/store';
import { IngestQueue } from '../../server/tracking/ingest-queue';
import type { IngestItem } from '../../server/tracking/tracking-store';
import { eventsBody, visitorId } from '../bench/bench-data';
import { postEvents } from '../helpers/events';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { installSqliteMeter, type Execution, type SqliteMeter } from './sqlite-meter';
import { countStoreCalls } from './store-calls';

/** Counting is on only while the measured request runs. */
let counting = false;
let storeCalls: Map<string, number>;
let meter: SqliteMeter;
let server: TestServer;
let site: Site;
/** The server's clock, held still: the site cache and the install check stay warm however slow the machine. */
const now = Date.now();

/** A statement as `method verb table`, e.g. `run insert events`. */
function label(e: Execution): string {
  const verb = /^\s*(\w+)/.exec(e.sql)?.[1]?.toLowerCase();
  const table = /\b(?:from|into|update)\s+"?(\w+)/i.exec(e.sql)?.[1];
  return `${e.method} ${verb} ${table}`;
}

/** The bench's own request body (test/bench/bench-data.ts): `count` events of visitor `v`. */
const batch = (v: number, count: number) => eventsBody(server.siteKey, v, 0, count, now);

beforeAll(async () => {
  meter = installSqliteMeter();
  // The webhook dispatcher polls every hour here, so nothing runs beside the measured requests.
  server = await startTestServer({ clock: () => now, webhookTickMs: 3_600_000 });
  site = (await server.deps.store.siteByKey(server.siteKey))!;
  // As the bench's site: its bot filter is off (it works in memory, and its per-visitor limits would drop a fast test's batches).
  const settings = await server.deps.tracking.settings(site.id);
  await server.deps.tracking.saveSettings(site.id, site.workspaceId, { ...settings, botFilter: false });
  const { store, tracking, guard, sitesAdmin } = server.deps;
  storeCalls = countStoreCalls({ store, tracking, guard, sitesAdmin }, () => counting);
});

afterAll(async () => {
  meter?.uninstall();
  await server?.stop();
});

async function measuredPost(body: string) {
  storeCalls.clear();
  counting = true;
  try {
    return await meter.measure(() => postEvents(server.url, body));
  } finally {
    counting = false;
  }
}

describe('one behaviour batch of a returning visitor', () => {
  it.each([1, 10])('of %i event(s): one row read, one insert of its events, one update, in one transaction', async (count) => {
    const v = 100 + count;
    // First sight of the visitor (their row is inserted) and of this batch size (its insert is prepared).
    expect((await postEvents(server.url, batch(v, count))).body.accepted).toBe(count);

    const { value: res, executions, transactions, prepared } = await measuredPost(batch(v, count));
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(count);
    if (process.env.SIXTY_COST) console.log({ count, storeCalls: Object.fromEntries(storeCalls), transactions, executions: executions.map(label), prepared });

    expect(executions.map(label)).toEqual(['get select visitors', 'run insert events', 'run update visitors']);
    expect(new Set(executions.map((e) => e.tx))).toEqual(new Set([1]));
    expect(transactions).toBe(1);
    expect(prepared).toEqual([]);
    // The site comes from the key cache, its settings from the tracking store's memory. (A batch
    // that makes the visitor worth an invite also lists the available reps, one prepared read.)
    const calls = Object.fromEntries([...storeCalls].filter(([name]) => name !== 'tracking.availableReps'));
    expect(calls).toEqual({ 'tracking.settings': 1, 'tracking.ingest': 1 });
  });
});

describe('the request around it', () => {
  it("is read from Node's own request: no web Request, stream or AbortSignal is built for the body", async () => {
    const v = 300;
    expect((await postEvents(server.url, batch(v, 1))).body.accepted).toBe(1);
    // The adapter builds a full web Request (an AbortController first) only when something asks for
    // more than its method, URL and headers: reading the body through it did, on every request.
    const Original = globalThis.AbortController;
    let built = 0;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        // The test's own fetch makes one too: only the server adapter's count.
        if (new Error().stack?.includes('@hono/node-server')) built++;
      }
    };
    try {
      const res = await postEvents(server.url, batch(v, 1));
      expect(res.body.accepted).toBe(1);
    } finally {
      globalThis.AbortController = Original;
    }
    expect(built).toBe(0);
  });
});

describe('batches arriving together', () => {
  it('commit in one transaction, each with its three statements', async () => {
    const visitors = Array.from({ length: 8 }, (_, i) => visitorId(200 + i));
    const item = (visitor: string): IngestItem => ({
      site,
      visitorId: visitor,
      events: [{ type: 'page_view', url: 'http://localhost:5999/pricing', at: now }],
      context: undefined,
      identifiedPhone: null,
      joinLeadId: null,
    });
    const queue = new IngestQueue(server.deps.tracking, () => now);
    await Promise.all(visitors.map((v) => queue.push(item(v))));

    const { value: results, executions, transactions, prepared } = await meter.measure(() => Promise.all(visitors.map((v) => queue.push(item(v)))));
    expect(results.map((r) => r.accepted)).toEqual(visitors.map(() => 1));
    expect(transactions).toBe(1);
    expect(executions).toHaveLength(3 * visitors.length);
    expect(executions.every((e) => e.tx === 1)).toBe(true);
    expect(prepared).toEqual([]);
  });
});

describe('an identify with a new phone', () => {
  it('commits the lead it makes with the batch, between the admission claim and its settlement', async () => {
    const body = JSON.stringify({
      siteKey: server.siteKey,
      visitorId: 'cost_identify_1',
      events: [{ type: 'identify', at: now, props: { phone: '+1 415 555 0142', name: 'Ida Cost' } }],
    });
    const { value: res, executions, transactions } = await measuredPost(body);
    expect(res.status).toBe(200);
    if (process.env.SIXTY_COST)
      console.log({ storeCalls: Object.fromEntries(storeCalls), transactions, executions: executions.map((e) => `${e.tx} ${label(e)}`) });

    const txOf = (sql: RegExp) => executions.find((e) => e.write && sql.test(e.sql))?.tx;
    const ingestTx = txOf(/insert into events/);
    expect(ingestTx).toBeGreaterThan(0);
    for (const write of [/insert into "leads"/, /insert into lead_events/, /insert into stage_changes/, /update visitors/]) expect(txOf(write)).toBe(ingestTx);
    // The admission's claim on the phone's daily cap, the batch with its lead, and the claim settled on that lead.
    const writing = [...new Set(executions.filter((e) => e.write).map((e) => e.tx))];
    expect(writing).toEqual([txOf(/insert into callback_requests/), ingestTx, txOf(/update callback_requests/)]);
    expect(transactions).toBe(3);
    // Planned from the rows read once: the lead just written is not read back.
    const leadInsert = executions.findIndex((e) => /insert into "leads"/.test(e.sql));
    expect(executions.slice(leadInsert + 1).filter((e) => !e.write && /from leads where id = \?/.test(e.sql))).toEqual([]);
  });
});
