// The push store on PostgreSQL, with the same assertions run against SQLite: one VAPID key pair
// whoever asks first, devices saved by endpoint (the same endpoint keeps its id), removing only
// one's own, an action token used once, a push claimed once per offer, device and kind (two
// processes, one database), and a device its push service calls gone taking the rep's
// "Available on my devices" down to away when it was their last.
// On the cluster suite's PostgreSQL, or in npm test on PGlite (test/helpers/pg-under-test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as pgT from '../../server/db/pg/schema';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createPushOps as pgPush } from '../../server/db/pg/push-ops';
import * as sqT from '../../server/db/schema';
import { openDatabase } from '../../server/db/sqlite/open';
import { createPushOps as sqPush } from '../../server/db/sqlite/push-ops';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import type { Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { LAST_DEVICE_GONE, LAST_DEVICE_REMOVED, type NewPushDevice, type PushStore } from '../../server/push/push-store';
import { storeRules } from '../../server/routing/store-rules';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const T0 = 1_765_000_000_000;

/** One database through two handles: two pools on PostgreSQL, one connection twice on SQLite. */
interface Side {
  store: Store;
  push: [PushStore, PushStore];
  /** Sets a user's chosen presence as text ('devices' may not be a declared value yet). */
  setPresence(id: string, presence: string): Promise<void>;
  presenceOf(id: string): Promise<{ presence: string; awayReason: string | null }>;
  close(): Promise<void>;
}

function sqliteSide(): Side {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  const push = sqPush(db);
  return {
    store,
    push: [push, push],
    async setPresence(id, presence) {
      db.$client.prepare('update users set presence = ? where id = ?').run(presence, id);
    },
    async presenceOf(id) {
      const row = db.select({ presence: sqT.users.presence, awayReason: sqT.users.awayReason }).from(sqT.users).where(eq(sqT.users.id, id)).get()!;
      return row;
    },
    close: async () => {
      await store.close();
    },
  };
}

async function postgresSide(): Promise<Side> {
  const url = await PG.createDatabase();
  const [one, two] = (await PG.openPools(url, 2, 4)) as [PgDb, PgDb];
  const store = createPgStore(one, storeRules);
  return {
    store,
    push: [pgPush(one), pgPush(two)],
    async setPresence(id, presence) {
      await one.$client.query('update users set presence = $1 where id = $2', [presence, id]);
    },
    async presenceOf(id) {
      const [row] = await one.select({ presence: pgT.users.presence, awayReason: pgT.users.awayReason }).from(pgT.users).where(eq(pgT.users.id, id));
      return row!;
    },
    async close() {
      await Promise.all([one.$client.end(), two.$client.end()]);
      await PG.dropDatabase(url);
    },
  };
}

const sides: Array<[string, () => Promise<Side>]> = [
  ['sqlite', async () => sqliteSide()],
  [`postgres (${PG.name})`, postgresSide],
];

describe.each(sides)('the push store on %s', (_name, open) => {
  let side: Side;
  let workspaceId: string;
  let dana: string;
  let sam: string;

  beforeAll(async () => {
    side = await open();
    await seedDemo(side.store, T0, 15_000, TEST_DEMO_PASSWORD);
    const d = (await side.store.userByEmail('dana@demo.sixty'))!;
    dana = d.id;
    workspaceId = d.workspaceId;
    sam = (await side.store.userByEmail('sam@demo.sixty'))!.id;
  });
  afterAll(async () => {
    await side?.close();
  });

  const device = (userId: string, endpoint: string, name = 'Phone'): NewPushDevice => ({
    userId,
    workspaceId,
    name,
    endpoint,
    p256dh: `p-${endpoint}`,
    auth: `a-${endpoint}`,
  });

  it('keeps the first key pair made, whichever process asks', async () => {
    const [one, two] = side.push;
    const first = await one.vapidKeys(() => ({ publicKey: 'pub-1', privateKey: 'priv-1' }), T0);
    expect(first).toEqual({ publicKey: 'pub-1', privateKey: 'priv-1' });
    expect(await two.vapidKeys(() => ({ publicKey: 'pub-2', privateKey: 'priv-2' }), T0 + 1)).toEqual(first);
  });

  it('saves devices by endpoint: the same endpoint again updates it and keeps its id; lists them oldest first', async () => {
    const [one, two] = side.push;
    const a = await one.saveDevice(device(dana, 'https://push.example/a', 'Phone'), T0);
    expect(a.created).toBe(true);
    const b = await two.saveDevice(device(dana, 'https://push.example/b', 'Laptop'), T0 + 1);
    const again = await two.saveDevice({ ...device(dana, 'https://push.example/a', 'Work phone'), p256dh: 'new-key' }, T0 + 2);
    expect(again.created).toBe(false);
    expect(again.device).toMatchObject({ id: a.device.id, name: 'Work phone', p256dh: 'new-key', createdAt: T0 });
    const list = await one.devicesOf(dana);
    expect(list.map((d) => [d.id, d.name])).toEqual([
      [a.device.id, 'Work phone'],
      [b.device.id, 'Laptop'],
    ]);
    expect(list[0]).toEqual({ ...again.device, lastDeliveryAt: null, lastFailure: null });
    expect(await one.deviceCount(dana)).toBe(2);
    expect(await one.deviceCount(sam)).toBe(0);
  });

  it('removes only the user’s own device; records deliveries and failures', async () => {
    const [one, two] = side.push;
    const { device: d } = await one.saveDevice(device(sam, 'https://push.example/sam'), T0);
    expect(await two.dropDevice(d.id, dana, LAST_DEVICE_REMOVED)).toBeNull();
    await two.deliveryFailed(d.id, 'push service answered 503');
    expect((await one.devicesOf(sam))[0]).toMatchObject({ lastFailure: 'push service answered 503', lastDeliveryAt: null });
    await two.deliveryOk(d.id, T0 + 5);
    expect((await one.devicesOf(sam))[0]).toMatchObject({ lastFailure: null, lastDeliveryAt: T0 + 5 });
    expect(await two.dropDevice(d.id, sam, LAST_DEVICE_REMOVED)).toEqual({ userId: sam, wentAway: false });
    expect(await one.devicesOf(sam)).toEqual([]);
  });

  it('uses an action token once: unknown, expired and used read differently', async () => {
    const [one, two] = side.push;
    await one.addActionToken({ hash: 'h-live', offerId: 'offer-1', repId: dana, expiresAt: T0 + 20_000 });
    await one.addActionToken({ hash: 'h-old', offerId: 'offer-2', repId: dana, expiresAt: T0 + 1000 });
    expect(await two.useActionToken('h-live', T0 + 100)).toEqual({ ok: true, offerId: 'offer-1', repId: dana });
    expect(await one.useActionToken('h-live', T0 + 200)).toEqual({ ok: false, error: 'used' });
    expect(await one.useActionToken('h-old', T0 + 1000)).toEqual({ ok: false, error: 'expired' });
    expect(await one.useActionToken('h-old', T0 + 1001)).toEqual({ ok: false, error: 'used' });
    expect(await two.useActionToken('h-none', T0)).toEqual({ ok: false, error: 'unknown' });
  });

  it('claims each push once per offer, device and kind, across processes; prunes old claims and tokens', async () => {
    const [one, two] = side.push;
    expect(await one.claimDelivery('offer-9', 'dev-1', 'offer', T0)).toBe(true);
    expect(await two.claimDelivery('offer-9', 'dev-1', 'offer', T0)).toBe(false);
    expect(await two.claimDelivery('offer-9', 'dev-1', 'close', T0)).toBe(true);
    expect(await two.claimDelivery('offer-9', 'dev-2', 'offer', T0)).toBe(true);
    // Everything above is older than T0 + 1 day; the tokens of the previous case expired before it too.
    expect(await one.prune(T0 + 86_400_000)).toBeGreaterThanOrEqual(5);
    expect(await one.claimDelivery('offer-9', 'dev-1', 'offer', T0 + 86_400_000)).toBe(true);
    expect(await one.useActionToken('h-live', T0 + 86_400_000)).toEqual({ ok: false, error: 'unknown' });
  });

  it('sets a rep on "Available on my devices" away when their last device is gone, and only then', async () => {
    const [one, two] = side.push;
    for (const d of await one.devicesOf(dana)) await one.dropDevice(d.id, dana, LAST_DEVICE_REMOVED);
    const { device: phone } = await one.saveDevice(device(dana, 'https://push.example/phone'), T0);
    const { device: laptop } = await one.saveDevice(device(dana, 'https://push.example/laptop'), T0 + 1);
    await side.setPresence(dana, 'devices');
    expect(await two.dropDevice(phone.id, null, LAST_DEVICE_GONE)).toEqual({ userId: dana, wentAway: false });
    expect((await side.presenceOf(dana)).presence).toBe('devices');
    expect(await two.dropDevice(laptop.id, null, LAST_DEVICE_GONE)).toEqual({ userId: dana, wentAway: true });
    expect(await side.presenceOf(dana)).toEqual({ presence: 'away', awayReason: LAST_DEVICE_GONE });
    expect(await two.dropDevice(laptop.id, null, LAST_DEVICE_GONE)).toBeNull();
    // Turning alerts off on the last device does the same, with its own reason.
    const { device: watch } = await one.saveDevice(device(dana, 'https://push.example/watch'), T0);
    await side.setPresence(dana, 'devices');
    expect(await two.dropDevice(watch.id, dana, LAST_DEVICE_REMOVED)).toEqual({ userId: dana, wentAway: true });
    expect(await side.presenceOf(dana)).toEqual({ presence: 'away', awayReason: LAST_DEVICE_REMOVED });
    // A rep who chose plain Available keeps it when their last device goes.
    const { device: tablet } = await one.saveDevice(device(sam, 'https://push.example/tablet'), T0);
    await side.setPresence(sam, 'available');
    expect(await one.dropDevice(tablet.id, null, LAST_DEVICE_GONE)).toEqual({ userId: sam, wentAway: false });
    expect((await side.presenceOf(sam)).presence).toBe('available');
  });
});
