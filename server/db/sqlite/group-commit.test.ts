// The group commit's promises: operations asked for together share one transaction (up to
// MAX_BATCH), each caller is answered after the commit, and one that fails rolls back alone.
import { describe, expect, it } from 'vitest';
import { settings } from '../schema';
import { createGroupCommit, MAX_BATCH } from './group-commit';
import { openDatabase } from './open';

function setup() {
  const db = openDatabase(':memory:');
  const commitTogether = createGroupCommit(db);
  const put = (key: string, fail = false) =>
    commitTogether({
      keepsRosters: false,
      run: (tx) => {
        tx.insert(settings).values({ key, value: 'v' }).run();
        if (fail) throw new Error(`no ${key}`);
        return key;
      },
    });
  const keys = () =>
    db
      .select({ key: settings.key })
      .from(settings)
      .all()
      .map((r) => r.key)
      .filter((k) => k.startsWith('k'))
      .sort();
  return { db, put, keys };
}

describe('group commit', () => {
  it('answers each caller after the shared commit, and a failure fails only its own operation', async () => {
    const { db, put, keys } = setup();
    const results = await Promise.allSettled([put('k1'), put('k2', true), put('k3')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('no k2'));
    expect(keys()).toEqual(['k1', 'k3']);
    // Answered once committed: nothing is left open when the callers hear back.
    expect(db.$client.inTransaction).toBe(false);
  });

  it(`commits at most ${MAX_BATCH} operations per transaction`, async () => {
    const { db, put, keys } = setup();
    let commits = 0;
    // Count the top-level transactions the group commit opens.
    const original = db.$client.transaction.bind(db.$client);
    db.$client.transaction = ((fn: (...a: unknown[]) => unknown) => {
      const made = original(fn);
      const counted = ((...a: unknown[]) => {
        commits++;
        return made(...a);
      }) as typeof made;
      return Object.assign(counted, { deferred: counted, immediate: counted, exclusive: counted, default: counted });
    }) as typeof db.$client.transaction;
    const count = MAX_BATCH * 2 + 1;
    await Promise.all(Array.from({ length: count }, (_, i) => put(`k${String(i).padStart(3, '0')}`)));
    expect(keys()).toHaveLength(count);
    expect(commits).toBe(3);
  });
});
