// The delivery loop with the real store (SQLite in memory) and a push service stand-in: each
// offer's push is sent once per device even when two processes announce it (the claim), a close
// goes out after its offer's push and ends its retries, and a device its push service calls gone
// sets a rep on "Available on my devices" away, telling their consoles.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { openDatabase } from '../db/sqlite/open';
import { createPushOps } from '../db/sqlite/push-ops';
import { createSqliteStore } from '../db/sqlite/sqlite-store';
import type { Store } from '../db/store';
import { seedDemo } from '../demo/seed';
import { storeRules } from '../routing/store-rules';
import { createDevicePush, type DevicePushService } from './push-delivery';
import type { PushMessage } from './push-message.core';
import type { PushAnswer } from './push-sender';
import { LAST_DEVICE_GONE, type PushStore } from './push-store';

const T0 = 1_765_000_000_000;

function view(offerId: string, expiresAt: number): OfferView {
  return {
    offerId,
    leadId: 'lead-1',
    offeredAt: T0,
    expiresAt,
    lead: {
      id: 'lead-1',
      name: 'Ada Lovelace',
      phone: '+14155550100',
      email: null,
      siteName: 'Acme website',
      pageUrl: null,
      stage: 'hot',
      answers: [],
      qualification: {
        fit: { status: 'passes', missing: [] },
        score: 80,
        hot: true,
        mql: true,
        rulesVersion: 1,
        reasons: [{ source: 'r', text: 'Pricing page twice', points: 30 }],
      },
      timeline: [],
      capturedAt: T0,
      acceptedAt: null,
      firstCallAt: null,
      outcome: null,
      ownerName: null,
    },
  };
}

describe('delivering pushes', () => {
  let store: Store;
  let push: PushStore;
  let dana: { id: string; workspaceId: string };
  let sent: Array<{ endpoint: string; message: PushMessage }>;
  let answers: Map<string, number[]>;
  /** The push service is down for offers only (when set): closes get through. */
  let offersDown: boolean;
  let presence: Array<[string, string, string | undefined]>;
  let services: DevicePushService[];
  const db = () => openDatabase(':memory:');

  function service(views: Map<string, OfferView>): DevicePushService {
    const s = createDevicePush({
      push,
      offerView: async (id) => views.get(id) ?? null,
      leadCard: async () => null,
      send: async (device, message): Promise<PushAnswer> => {
        sent.push({ endpoint: device.endpoint, message });
        if (offersDown && message.payload.kind === 'offer') return { status: 503, retryAfter: undefined };
        return { status: answers.get(device.endpoint)?.shift() ?? 201, retryAfter: undefined };
      },
      notify: { presenceChanged: (repId, p, reason) => presence.push([repId, p, reason]) },
      clock: Date.now,
      log: pino({ level: 'silent' }),
    });
    services.push(s);
    return s;
  }

  beforeEach(async () => {
    const conn = db();
    store = createSqliteStore(conn, storeRules);
    push = createPushOps(conn);
    await seedDemo(store, T0, 15_000, 'test-demo-password');
    const d = (await store.userByEmail('dana@demo.sixty'))!;
    dana = { id: d.id, workspaceId: d.workspaceId };
    sent = [];
    answers = new Map();
    offersDown = false;
    presence = [];
    services = [];
    // The presence 'devices' is compared as text by the store; set it as the console would.
    conn.$client.prepare("update users set presence = 'devices' where id = ?").run(dana.id);
  });
  afterEach(async () => {
    for (const s of services) await s.stop();
    await store.close();
  });

  const offer = (offerId: string, expiresAt: number) => ({ offerId, workspaceId: dana.workspaceId, leadId: 'lead-1', repId: dana.id, expiresAt, step: 'team' });

  it('sends an offer once per device though two processes announce it', async () => {
    await push.saveDevice({ userId: dana.id, workspaceId: dana.workspaceId, name: 'Phone', endpoint: 'https://push.example/1', p256dh: 'p', auth: 'a' }, T0);
    await push.saveDevice({ userId: dana.id, workspaceId: dana.workspaceId, name: 'Laptop', endpoint: 'https://push.example/2', p256dh: 'p', auth: 'a' }, T0);
    const views = new Map([['offer-1', view('offer-1', Date.now() + 20_000)]]);
    const [a, b] = [service(views), service(views)];
    a.offerMade(offer('offer-1', Date.now() + 20_000));
    b.offerMade(offer('offer-1', Date.now() + 20_000));
    await Promise.all([a.idle(), b.idle()]);
    expect(sent.map((s) => s.endpoint).sort()).toEqual(['https://push.example/1', 'https://push.example/2']);
    expect(sent.every((s) => s.message.urgency === 'high' && s.message.payload.kind === 'offer')).toBe(true);
  });

  it('sends the close after its offer’s push, and the close ends the offer’s retries', async () => {
    await push.saveDevice({ userId: dana.id, workspaceId: dana.workspaceId, name: 'Phone', endpoint: 'https://push.example/1', p256dh: 'p', auth: 'a' }, T0);
    offersDown = true;
    const s = service(new Map([['offer-2', view('offer-2', Date.now() + 60_000)]]));
    s.offerMade(offer('offer-2', Date.now() + 60_000));
    await expect.poll(() => sent.length).toBe(1);
    s.offerClosed(dana.id, 'offer-2', 'accepted');
    await s.idle();
    expect(sent.map((x) => x.message.payload.kind)).toEqual(['offer', 'close']);
  });

  it('removes a device its push service calls gone; the last one sets a rep on devices away and tells their consoles', async () => {
    await push.saveDevice({ userId: dana.id, workspaceId: dana.workspaceId, name: 'Phone', endpoint: 'https://push.example/gone', p256dh: 'p', auth: 'a' }, T0);
    answers.set('https://push.example/gone', [410]);
    const s = service(new Map([['offer-3', view('offer-3', Date.now() + 20_000)]]));
    s.offerMade(offer('offer-3', Date.now() + 20_000));
    await s.idle();
    expect(await push.deviceCount(dana.id)).toBe(0);
    expect(presence).toEqual([[dana.id, 'away', LAST_DEVICE_GONE]]);
    expect((await store.userById(dana.id))!.presence).toBe('away');
  });
});
