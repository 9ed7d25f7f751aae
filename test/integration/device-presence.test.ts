// "Available on my devices" over a real server and real socket.io clients, with a recording
// DevicePush standing in for Web Push: the choice needs a device, a rep who chose it and closed
// the tab is offered the lead after the live tab declined (with the site's device timeout),
// and the supervisor view shows them as on their devices.
import { afterEach, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import type { DevicePush, OfferMade } from '../../server/push/device-push';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Sam has one device; Dana none. Records the offers routing pushed. */
function fakeDevices(has: () => Set<string>) {
  const made: OfferMade[] = [];
  const closed: string[] = [];
  const port: DevicePush = {
    deviceCount: async (userId) => (has().has(userId) ? 1 : 0),
    offerMade: (o) => void made.push(o),
    offerClosed: (_repId, offerId, reason) => void closed.push(`${offerId}:${reason}`),
    notice: () => {},
  };
  return { port, made, closed };
}

async function rep(s: TestServer, email: string): Promise<{ socket: RepClient; cookie: string }> {
  const cookie = await signIn(s.url, email);
  const socket = repSocket(s.url, cookie);
  cleanup.push(() => socket.close());
  await connected(socket);
  return { socket, cookie };
}

async function waitFor(ok: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Available on my devices', () => {
  it('needs a device, reaches a rep with no tab after the live tab declines, and shows to the supervisor', async () => {
    let withDevices = new Set<string>();
    const devices = fakeDevices(() => withDevices);
    const s = await startTestServer({ offerTimeoutMs: 5000, devices: devices.port });
    cleanup.push(() => s.stop());
    const store = s.deps.store;
    const sam = (await store.userByEmail('sam@demo.sixty'))!;
    withDevices = new Set([sam.id]);

    const dana = await rep(s, 'dana@demo.sixty');
    // Dana has no device: the choice is refused with what to do, and she stays as she was.
    expect(await dana.socket.emitWithAck('presence:set', 'devices')).toEqual({ ok: false, error: 'no_device', message: 'Turn on alerts on this device first' });
    expect((await store.userByEmail('dana@demo.sixty'))!.presence).toBe('away');
    expect(await dana.socket.emitWithAck('presence:set', 'available')).toEqual({ ok: true, data: { presence: 'available' } });

    // Sam chooses devices, then closes the console: no live tab left.
    const samTab = await rep(s, 'sam@demo.sixty');
    expect(await samTab.socket.emitWithAck('presence:set', 'devices')).toEqual({ ok: true, data: { presence: 'devices' } });
    samTab.socket.close();
    await waitFor(() => !s.deps.online.set.has(sam.id));

    const offered = nextEvent<OfferView>(dana.socket, 'offer:new');
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    expect(res.status).toBe(201);
    const toDana = await offered;
    expect(devices.made.map((o) => o.step)).toEqual(['team']);
    expect(await dana.socket.emitWithAck('offer:decline', { offerId: toDana.offerId, reason: 'on a call' })).toEqual({ ok: true, data: undefined });

    await waitFor(() => devices.made.length === 2);
    const toSam = devices.made[1]!;
    expect([toSam.repId, toSam.step, toSam.leadId]).toEqual([sam.id, 'device', toDana.leadId]);
    const [row] = await s.deps.store.openOffers();
    expect(row).toMatchObject({ id: toSam.offerId, repId: sam.id });
    // The site's default device timeout: 45 s, not the 5 s of a tab.
    const offeredAt = toSam.expiresAt - 45_000;
    expect(Math.abs(Date.now() - offeredAt)).toBeLessThan(5_000);
    expect(devices.closed).toEqual([`${toDana.offerId}:declined`]);

    // A manager sees Sam as on their devices though no tab is open.
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const view = (await (await fetch(`${s.url}/v1/console/supervisor`, { headers: { cookie: admin } })).json()) as {
      reps: Array<{ name: string; presence: string }>;
    };
    expect(view.reps.find((r) => r.name === 'Sam Okafor')?.presence).toBe('busy');
    expect(view.reps.find((r) => r.name === 'Dana Reyes')?.presence).toBe('available');

    // Sam accepts from the notification: the offer closes everywhere and Sam is "on devices" again once free.
    expect((await s.deps.router.accept(toSam.offerId, sam.id)).ok).toBe(true);
    expect(devices.closed.at(-1)).toBe(`${toSam.offerId}:accepted`);
    const after = (await (await fetch(`${s.url}/v1/console/supervisor`, { headers: { cookie: admin } })).json()) as {
      reps: Array<{ name: string; presence: string }>;
    };
    expect(after.reps.find((r) => r.name === 'Sam Okafor')?.presence).toBe('devices');
  });
});
