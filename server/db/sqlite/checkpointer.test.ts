// The checkpointer from the side of the commit path: once the worker runs, commits leave the WAL
// to it (the connection's own automatic checkpoint is off), the worker copies every committed
// frame into the database file, and stopping it gives the connection its checkpoints back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer';
import { openDatabase } from './open';

const dir = mkdtempSync(join(tmpdir(), 'sixty-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('WAL checkpoints on a worker thread', () => {
  it('takes the checkpoints off the committing connection and copies every committed frame', async () => {
    const db = openDatabase(join(dir, 'a.db'));
    const raw = db.$client;
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const seen: Array<{ walFrames: number; copied: number }> = [];
    const errors: string[] = [];
    const cp = startCheckpointer(db, join(dir, 'a.db'), { onCheckpoint: (r) => seen.push(r), onError: (m) => errors.push(m) })!;
    await until(() => seen.length > 0);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // Well past SQLite's own 1,000-page threshold: the connection alone would have checkpointed.
    raw.exec('create table filler (v text)');
    const insert = raw.prepare('insert into filler (v) values (?)');
    const many = raw.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run('x'.repeat(400));
    });
    for (let i = 0; i < 30; i++) many(1000);
    const from = seen.length;
    await until(() => seen.slice(from).some((r) => r.walFrames > 1000 && r.copied === r.walFrames));
    expect(errors).toEqual([]);

    await cp.stop();
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(raw.prepare('select count(*) as n from filler').get()).toEqual({ n: 30_000 });
    raw.close();
  });

  it('runs no worker for an in-memory database', () => {
    const db = openDatabase(':memory:');
    expect(startCheckpointer(db, ':memory:')).toBeNull();
    db.$client.close();
  });
});
