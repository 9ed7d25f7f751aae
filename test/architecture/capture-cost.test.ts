// What one callback costs the database, from the request's arrival to its answer, when an
// available rep gets the offer: store calls (every method of the store, the callback guard and
// the tracking store) and SQLite transactions (explicit ones, and single writes outside any, each
// its own implicit transaction). The measure of issue 17: the lead, its stage change and its first
// offer commit in one transaction; the admission's claim on the phone's daily cap commits before
// it (so a burst cannot slip past the cap) and is the only other one.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';

/** Counting is on only while the measured request runs. */
let counting = false;
let transactions = 0;
/** The top-level transaction running now, to see which writes commit together (a write outside one is one of its own). */
let current = 0;
const writes: Array<{ tx: number; sql: string }> = [];
const storeCalls = new Map<string, number>();

const original = { transaction: Database.prototype.transaction };
const originalPrepare = (Database.prototype as unknown as { prepare: Database.Database['prepare'] }).prepare;

beforeAll(() => {
  // Every transaction function the stores make (at start-up too) counts when it opens a top-level transaction.
  Database.prototype.transaction = function transaction(this: Database.Database, fn: (...args: never[]) => unknown) {
    const made = original.transaction.call(this, fn) as unknown as Record<string, (...args: unknown[]) => unknown> & ((...args: unknown[]) => unknown);
    const db = this;
    const counted = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        if (db.inTransaction || !counting) return run.apply(this, args);
        current = ++transactions;
        try {
          return run.apply(this, args);
        } finally {
          current = 0;
        }
      };
    const wrapped = counted(made) as typeof made;
    for (const k of ['deferred', 'immediate', 'exclusive']) wrapped[k] = counted(made[k]!);
    return wrapped as never;
  } as never;
  // A write outside any transaction is a transaction of its own; every insert is noted with its transaction.
  (Database.prototype as unknown as { prepare: unknown }).prepare = function prepare(this: Database.Database, source: string) {
    const statement = originalPrepare.call(this, source);
    const run = statement.run.bind(statement) as (...params: unknown[]) => Database.RunResult;
    const db = this;
    statement.run = ((...args: unknown[]) => {
      if (counting && /^\s*(insert|update|delete)/i.test(source)) {
        writes.push({ tx: db.inTransaction ? current : ++transactions, sql: source.slice(0, 40) });
      }
      return run(...args);
    }) as typeof statement.run;
    return statement;
  } as never;
});

afterAll(() => {
  Database.prototype.transaction = original.transaction;
  (Database.prototype as unknown as { prepare: unknown }).prepare = originalPrepare;
});

/** Replaces each method of `target` (in place, so the routes' references see it) with one that counts its calls. */
function countCalls(name: string, target: object) {
  for (const key of Object.keys(target)) {
    const value = (target as Record<string, unknown>)[key];
    if (typeof value !== 'function') continue;
    (target as Record<string, unknown>)[key] = (...args: unknown[]) => {
      if (counting) storeCalls.set(`${name}.${key}`, (storeCalls.get(`${name}.${key}`) ?? 0) + 1);
      return (value as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
}

describe('one callback, offered to an available rep', () => {
  let server: TestServer;
  let dana: RepClient;

  beforeAll(async () => {
    server = await startTestServer();
    dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(dana);
    await dana.emitWithAck('presence:set', 'available');
    countCalls('store', server.deps.store);
    countCalls('guard', server.deps.guard);
    countCalls('tracking', server.deps.tracking);
  });

  afterAll(async () => {
    dana?.close();
    await server?.stop();
  });

  it('commits the lead, its stage and its first offer in one transaction', async () => {
    const offered = nextEvent<OfferView>(dana, 'offer:new');
    counting = true;
    const res = await postCallback(server.url, callbackBody(server.siteKey, { visitorId: 'cost_visitor_1' }));
    counting = false;
    expect(res.status).toBe(201);
    expect((await offered).leadId).toBe(res.body.leadId);

    const calls = [...storeCalls.values()].reduce((a, b) => a + b, 0);
    // The figures behind issue 17's measure, printed for the record (SIXTY_COST=1).
    if (process.env.SIXTY_COST) console.log({ storeCalls: calls, transactions, byMethod: Object.fromEntries(storeCalls), writes });
    const leadTx = writes.find((w) => /insert into "leads"/.test(w.sql))?.tx;
    const offerTx = writes.find((w) => /insert into "offers"/.test(w.sql))?.tx;
    expect(leadTx).toBeGreaterThan(0);
    expect(offerTx).toBe(leadTx);
    expect(writes.filter((w) => /stage_changes/.test(w.sql)).every((w) => w.tx === leadTx)).toBe(true);
    // The admission's claim, then the capture with its first offer. (The webhook fan-out that the
    // new trail lines wake runs beside the request, in the background: its cursor is not counted.)
    const capturing = new Set(writes.filter((w) => !/^insert into settings/.test(w.sql)).map((w) => w.tx));
    expect(capturing.size).toBe(2);
  });
});
