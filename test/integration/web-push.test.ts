// The server's Web Push path against a push service written here (RFC 8030 receipt: 201 Created
// with a Location), acting as the browser too: the test makes the subscription's keys (ECDH
// P-256 and a 16-byte auth secret), decrypts each push itself with node:crypto (RFC 8291 key
// derivation, RFC 8188 aes128gcm record), and verifies the VAPID JWT (RFC 8292, ES256) against
// the key the console API hands out. Then a notification's Accept and Decline through
// POST /v1/push/action, as the service worker calls it.
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import { pushActionResultSchema } from '../../shared/schemas/push.schema';
import type { OfferPayload } from '../../server/push/push-message.core';
import { LAST_DEVICE_REMOVED } from '../../server/push/push-store';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  rows,
  signIn,
  startTestServer,
  visitorSocket,
  HOST_ORIGIN,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';
import { acceptedLead } from '../helpers/accepted-lead';
import { FakeCalendar } from '../helpers/fake-calendar';
import { b64u, decrypt, newBrowser, PushService, type PushBrowser as Browser, type Received } from '../helpers/push-service';
import { fakeTime } from '../sim/fake-time';
import { weeklyHours } from '../../server/routing/hours.core';

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT's ES256 signature checked with k. */
function verifyVapid(header: string | undefined, publicKey: string, endpoint: string) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  expect(m, `Authorization: ${header}`).not.toBeNull();
  const [, jwt, k] = m!;
  expect(k).toBe(publicKey);
  const [head, claims, signature] = jwt!.split('.') as [string, string, string];
  expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toMatchObject({ typ: 'JWT', alg: 'ES256' });
  const point = Buffer.from(k!, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)) }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  expect(signed).toBe(true);
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(body.aud).toBe(new URL(endpoint).origin);
  const now = Date.now() / 1000;
  expect(body.exp).toBeGreaterThan(now);
  expect(body.exp).toBeLessThanOrEqual(now + 24 * 3600);
  expect(body.sub).toMatch(/^(mailto:|https:)/);
}

let server: TestServer;
const pushService = new PushService();
const open: Array<{ close: () => unknown }> = [];
let publicKey: string;
let phone = 2600;

beforeAll(async () => {
  await pushService.start();
  // The documented allow-list lets the server reach this test's push service on loopback.
  server = await startTestServer({ fetchAllow: ['127.0.0.1'] });
  const cookie = await signIn(server.url, 'dana@demo.sixty');
  const res = await fetch(`${server.url}/v1/console/push/key`, { headers: { cookie } });
  expect(res.status).toBe(200);
  publicKey = ((await res.json()) as { publicKey: string }).publicKey;
});
afterAll(async () => {
  await server.stop();
  await pushService.stop();
});
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await server.devicePush.idle();
  for (const email of ['dana@demo.sixty', 'sam@demo.sixty', 'admin@demo.sixty']) {
    const u = await server.deps.store.userByEmail(email);
    if (u) await server.deps.store.setPresence(u.id, 'away');
  }
});

async function rep(email: string): Promise<{ socket: RepClient; cookie: string }> {
  const cookie = await signIn(server.url, email);
  const socket = repSocket(server.url, cookie);
  open.push(socket);
  await connected(socket);
  expect((await socket.emitWithAck('presence:set', 'available')).ok).toBe(true);
  return { socket, cookie };
}

/** Saves the browser's subscription as the console does (on the shared server unless `url` names another). */
async function addDevice(cookie: string, browser: Browser, name = 'Test phone', url = server.url) {
  return fetch(`${url}/v1/console/devices`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      name,
      subscription: { endpoint: browser.endpoint, expirationTime: null, keys: { p256dh: b64u(browser.ecdh.getPublicKey()), auth: b64u(browser.auth) } },
    }),
  });
}

/** A hot callback with a phone of its own, and the offer the rep's socket got for it. */
async function hotLead(socket: RepClient) {
  const offered = nextEvent<OfferView>(socket, 'offer:new');
  const res = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Ada Lovelace', phone: `+1 415 555 ${phone++}` }));
  expect(res.status).toBe(201);
  return { offer: await offered, visitorToken: res.body.visitorToken as string };
}

const pushAction = (token: string, action: 'accept' | 'decline') =>
  fetch(`${server.url}/v1/push/action`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, action }) });

describe('pushing an offer to a rep device', () => {
  it('sends an encrypted offer with VAPID, TTL, Urgency and Topic; Accept from the notification accepts it and tells the visitor', async () => {
    const { socket, cookie } = await rep('dana@demo.sixty');
    const browser = newBrowser(`${pushService.origin}/push/dana-phone`);
    const added = await addDevice(cookie, browser, 'Dana’s phone');
    expect(added.status).toBe(201);
    const { offer, visitorToken } = await hotLead(socket);

    await expect.poll(() => pushService.to('/push/dana-phone').length).toBe(1);
    const got = pushService.to('/push/dana-phone')[0]!;
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(got.headers.urgency).toBe('high');
    expect(got.headers.topic).toBe(offer.offerId.replace(/-/g, ''));
    const ttl = Number(got.headers.ttl);
    const left = Math.ceil((offer.expiresAt - got.at) / 1000);
    expect(ttl).toBeGreaterThan(0);
    expect(Math.abs(ttl - left)).toBeLessThanOrEqual(2);
    verifyVapid(got.headers.authorization, publicKey, browser.endpoint);

    const payload = decrypt(browser, got.body) as OfferPayload;
    expect(payload).toMatchObject({
      v: 1,
      kind: 'offer',
      offerId: offer.offerId,
      title: 'Hot lead: Ada Lovelace',
      expiresAt: offer.expiresAt,
      url: `/console/#/leads/${offer.leadId}`,
    });
    // Who and why, as the offer card says it: the site (no company given here), then the strongest reasons.
    const strongest = [...offer.lead.qualification.reasons].sort((a, b) => b.points - a.points)[0]!;
    expect(payload.body.startsWith(`${offer.lead.siteName} · ${strongest.text}`)).toBe(true);
    // No more personal data than the notification shows: no phone, no email.
    expect(JSON.stringify(payload)).not.toMatch(/415|example\.com/);
    await expect
      .poll(
        async () =>
          (await rows<{ last_delivery_at: number | null }>(server, 'select last_delivery_at from push_subscriptions where endpoint = ?', browser.endpoint))[0]
            ?.last_delivery_at,
      )
      .toBeTruthy();

    const visitor = visitorSocket(server.url, visitorToken);
    open.push(visitor);
    expect((await nextEvent<VisitorStatus>(visitor, 'lead:status')).state).toBe('waiting');
    const told = nextEvent<VisitorStatus>(visitor, 'lead:status');
    const closedInTab = nextEvent<{ offerId: string; reason: string }>(socket, 'offer:closed');

    const res = await pushAction(payload.token, 'accept');
    expect(res.status).toBe(200);
    expect(pushActionResultSchema.parse(await res.json())).toEqual({ ok: true, leadId: offer.leadId });
    expect(await told).toMatchObject({ state: 'accepted', repName: 'Dana Reyes' });
    expect(await closedInTab).toEqual({ offerId: offer.offerId, reason: 'accepted' });
    expect(await rows<{ status: string }>(server, 'select status from offers where id = ?', offer.offerId)).toEqual([{ status: 'accepted' }]);

    // The notification closes on every device: a close push follows, under the offer's topic.
    await expect.poll(() => pushService.to('/push/dana-phone').length).toBe(2);
    const close = pushService.to('/push/dana-phone')[1]!;
    expect(decrypt(browser, close.body)).toEqual({ v: 1, kind: 'close', offerId: offer.offerId });
    expect(close.headers.topic).toBe(got.headers.topic);

    // Single use: the same token again is refused, as is one nobody issued.
    const again = await pushAction(payload.token, 'accept');
    expect(again.status).toBe(409);
    const unknown = await pushAction(randomBytes(32).toString('base64url'), 'accept');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    await removeAllDevices(cookie);
  });

  it('declines from the notification: the offer is declined with the reason from_notification', async () => {
    const { socket, cookie } = await rep('dana@demo.sixty');
    const browser = newBrowser(`${pushService.origin}/push/dana-laptop`);
    expect((await addDevice(cookie, browser, 'Laptop')).status).toBe(201);
    const { offer } = await hotLead(socket);
    await expect.poll(() => pushService.to('/push/dana-laptop').length).toBeGreaterThanOrEqual(1);
    const payload = decrypt(browser, pushService.to('/push/dana-laptop')[0]!.body) as OfferPayload;
    const closed = nextEvent<{ offerId: string; reason: string }>(socket, 'offer:closed');
    const res = await pushAction(payload.token, 'decline');
    expect(res.status).toBe(200);
    expect(pushActionResultSchema.parse(await res.json())).toEqual({ ok: true, leadId: offer.leadId });
    expect(await closed).toEqual({ offerId: offer.offerId, reason: 'declined' });
    expect(await rows(server, 'select status, reason from offers where id = ?', offer.offerId)).toEqual([{ status: 'declined', reason: 'from_notification' }]);
    await removeAllDevices(cookie);
  });

  it('removes a subscription its push service answers 410 Gone for', async () => {
    const { socket, cookie } = await rep('dana@demo.sixty');
    const browser = newBrowser(`${pushService.origin}/push/gone`);
    const added = (await (await addDevice(cookie, browser, 'Old tablet')).json()) as { device: { id: string } };
    pushService.script('/push/gone', [410]);
    const { offer } = await hotLead(socket);
    await expect.poll(() => pushService.to('/push/gone').length).toBe(1);
    await expect.poll(async () => (await rows(server, 'select id from push_subscriptions where id = ?', added.device.id)).length).toBe(0);
    const list = (await (await fetch(`${server.url}/v1/console/devices`, { headers: { cookie } })).json()) as { devices: Array<{ id: string }> };
    expect(list.devices.map((d) => d.id)).not.toContain(added.device.id);
    await socket.emitWithAck('offer:decline', { offerId: offer.offerId });
    await removeAllDevices(cookie);
  });

  it('retries after a 500 within the offer’s lifetime, and records the delivery', async () => {
    const { socket, cookie } = await rep('dana@demo.sixty');
    const browser = newBrowser(`${pushService.origin}/push/flaky`);
    expect((await addDevice(cookie, browser, 'Flaky')).status).toBe(201);
    pushService.script('/push/flaky', [500]);
    const { offer } = await hotLead(socket);
    await expect.poll(() => pushService.to('/push/flaky').length, { timeout: 10_000 }).toBe(2);
    const [first, second] = pushService.to('/push/flaky') as [Received, Received];
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    // The retry carries the same offer (and a TTL that counted down).
    expect((decrypt(browser, second.body) as OfferPayload).offerId).toBe(offer.offerId);
    expect(Number(second.headers.ttl)).toBeLessThanOrEqual(Number(first.headers.ttl));
    await expect
      .poll(
        async () =>
          (
            await rows<{ last_delivery_at: number | null; last_failure: string | null }>(
              server,
              'select last_delivery_at, last_failure from push_subscriptions where endpoint = ?',
              browser.endpoint,
            )
          )[0],
      )
      .toMatchObject({ last_failure: null, last_delivery_at: expect.any(Number) });
    await socket.emitWithAck('offer:decline', { offerId: offer.offerId });
    await removeAllDevices(cookie);
  });

  it('stops retrying once the offer has expired', async () => {
    const store = server.deps.store;
    const site = (await store.siteByKey(server.siteKey))!;
    await store.updateSiteRouting(site.id, { offerTimeoutMs: 2500 });
    try {
      const { socket, cookie } = await rep('dana@demo.sixty');
      const browser = newBrowser(`${pushService.origin}/push/down`);
      expect((await addDevice(cookie, browser, 'Down')).status).toBe(201);
      // Down for the offer's whole life (2.5 s): tries at 0 and 1 s; the next (3 s) would be past its expiry.
      pushService.script('/push/down', [503, 503]);
      const { offer } = await hotLead(socket);
      await nextEvent(socket, 'offer:closed', 10_000);
      // Well past the expiry: the offer was tried only before it, and its close went out after.
      await new Promise((r) => setTimeout(r, 3000));
      // (The lead may be offered to Dana again after the expiry: only this offer's pushes count.)
      const tries = pushService
        .to('/push/down')
        .map((r) => ({ at: r.at, ...(decrypt(browser, r.body) as { kind: string; offerId: string }) }))
        .filter((t) => t.offerId === offer.offerId);
      const offerTries = tries.filter((t) => t.kind === 'offer');
      expect(offerTries).toHaveLength(2);
      for (const t of offerTries) expect(t.at).toBeLessThan(offer.expiresAt);
      expect(tries.filter((t) => t.kind === 'close')).toHaveLength(1);
      await removeAllDevices(cookie);
    } finally {
      await store.updateSiteRouting(site.id, { offerTimeoutMs: site.offerTimeoutMs });
    }
  });
});

async function removeAllDevices(cookie: string) {
  const list = (await (await fetch(`${server.url}/v1/console/devices`, { headers: { cookie } })).json()) as { devices: Array<{ id: string }> };
  for (const d of list.devices) {
    const res = await fetch(`${server.url}/v1/console/devices/${d.id}`, { method: 'DELETE', headers: { cookie, origin: server.url } });
    expect(res.status).toBe(204);
  }
}

describe('a booked callback coming due', () => {
  it('tells the devices of the rep it was booked with, when routing could not offer it to them', async () => {
    // Monday 07:00 UTC; Dana alone in Sales, open 09:00 to 17:00: the visitor books 09:00 with her.
    const monday7 = Date.parse('2026-11-23T07:00:00Z');
    const nine = Date.parse('2026-11-23T09:00:00Z');
    const time = fakeTime(monday7);
    const s = await startTestServer({ ...time.server, calendar: new FakeCalendar(), fetchAllow: ['127.0.0.1'] });
    try {
      const dana = (await s.deps.store.userByEmail('dana@demo.sixty'))!;
      const [team] = await s.deps.store.teams(dana.workspaceId);
      await s.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
      await s.deps.store.setTeamMembers(team!.id, [{ repId: dana.id }]);
      const cookie = await signIn(s.url, 'dana@demo.sixty');
      const browser = newBrowser(`${pushService.origin}/push/callback-due`);
      const added = await fetch(`${s.url}/v1/console/devices`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: s.url },
        body: JSON.stringify({
          name: 'Phone',
          subscription: { endpoint: browser.endpoint, keys: { p256dh: b64u(browser.ecdh.getPublicKey()), auth: b64u(browser.auth) } },
        }),
      });
      expect(added.status).toBe(201);
      const res = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 2599', email: 'booked@example.com' }));
      const v = res.body as { leadId: string; visitorToken: string };
      const chose = await fetch(`${s.url}/v1/callbacks/${v.leadId}/slot`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN },
        body: JSON.stringify({ token: v.visitorToken, slot: new Date(nine).toISOString() }),
      });
      expect(chose.status).toBe(200);
      expect(pushService.to('/push/callback-due')).toEqual([]);

      // 09:00: Dana has no console open, so nobody can be offered the call; her phone is told.
      await time.scheduler.advanceTo(nine);
      await expect.poll(() => pushService.to('/push/callback-due').length).toBe(1);
      const got = pushService.to('/push/callback-due')[0]!;
      expect(got.headers.urgency).toBe('normal');
      expect(got.headers.ttl).toBe('3600');
      verifyVapid(
        got.headers.authorization,
        ((await (await fetch(`${s.url}/v1/console/push/key`, { headers: { cookie } })).json()) as { publicKey: string }).publicKey,
        browser.endpoint,
      );
      expect(decrypt(browser, got.body)).toMatchObject({
        v: 1,
        kind: 'notice',
        tag: `callback_due:${v.leadId}`,
        title: 'Callback due: Pat Lee',
        url: `/console/#/leads/${v.leadId}`,
      });
    } finally {
      await s.stop();
    }
  });
});

describe('a follow-up coming due', () => {
  it('tells the owner’s devices once at its time, with no more than the notification shows, and not another rep’s', async () => {
    // Monday 10:00 UTC; Dana and Sam in Sales, open 09:00 to 17:00.
    const time = fakeTime(Date.parse('2026-11-23T10:00:00Z'));
    const s = await startTestServer({ ...time.server, fetchAllow: ['127.0.0.1'] });
    try {
      const [dana, sam] = await Promise.all(['dana', 'sam'].map(async (n) => (await s.deps.store.userByEmail(`${n}@demo.sixty`))!));
      const [team] = await s.deps.store.teams(dana!.workspaceId);
      await s.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
      await s.deps.store.setTeamMembers(team!.id, [{ repId: dana!.id }, { repId: sam!.id }]);
      // Dana takes the lead on her console, then calls: no answer. Both reps have a phone.
      const { cookie, lead } = await acceptedLead(s, 'dana@demo.sixty', { phone: '+1 415 555 2598', email: 'follow@example.com' });
      const danaPhone = newBrowser(`${pushService.origin}/push/follow-up-dana`);
      const samPhone = newBrowser(`${pushService.origin}/push/follow-up-sam`);
      expect((await addDevice(cookie, danaPhone, 'Phone', s.url)).status).toBe(201);
      expect((await addDevice(await signIn(s.url, 'sam@demo.sixty'), samPhone, 'Phone', s.url)).status).toBe(201);
      const logged = await fetch(`${s.url}/v1/console/leads/${lead.id}/outcome`, {
        method: 'POST',
        headers: { cookie, origin: s.url, 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'no_answer' }),
      });
      expect(logged.status).toBe(200);
      const [followUp] = await s.deps.store.followUps(dana!.id);
      expect(followUp?.leadId).toBe(lead.id);
      const due = followUp!.dueAt;

      await time.scheduler.advanceTo(due - 1);
      await s.devicePush.idle();
      expect(pushService.to('/push/follow-up-dana')).toEqual([]);
      await time.scheduler.advanceTo(due);
      await expect.poll(() => pushService.to('/push/follow-up-dana').length).toBe(1);
      const got = pushService.to('/push/follow-up-dana')[0]!;
      expect(got.headers.urgency).toBe('normal');
      expect(got.headers.ttl).toBe('3600');
      const payload = decrypt(danaPhone, got.body);
      expect(payload).toMatchObject({
        v: 1,
        kind: 'notice',
        tag: `follow_up_due:${lead.id}`,
        title: 'Follow-up due: Pat Lee',
        body: expect.stringContaining(lead.siteName),
        url: `/console/#/leads/${lead.id}`,
      });
      // No more personal data than the notification shows: no phone, no email.
      expect(JSON.stringify(payload)).not.toMatch(/415|example\.com/);

      // Once: a day later, nothing more; Sam, who does not own the lead, heard nothing.
      await time.scheduler.advanceTo(due + 86_400_000);
      await s.devicePush.idle();
      expect(pushService.to('/push/follow-up-dana')).toHaveLength(1);
      expect(pushService.to('/push/follow-up-sam')).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});

describe('the devices API', () => {
  const keys = () => ({ p256dh: b64u(newBrowser('x').ecdh.getPublicKey()), auth: b64u(randomBytes(16)) });
  const post = (cookie: string, body: unknown, origin = server.url) =>
    fetch(`${server.url}/v1/console/devices`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin }, body: JSON.stringify(body) });

  it('answers bad input with field messages, never a 500', async () => {
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const res = await post(cookie, { name: '', subscription: { endpoint: 'not a url', keys: { p256dh: 'short', auth: '!!' } } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(['name', 'subscription.endpoint', 'subscription.keys.auth', 'subscription.keys.p256dh']);
    expect((await post(cookie, { name: 'x'.repeat(61), subscription: { endpoint: 'https://push.example/a', keys: keys() } })).status).toBe(400);
    expect((await post(cookie, { name: 'Phone' })).status).toBe(400);
  });

  it('takes https push services only: plain http only for an allow-listed host, and no internal addresses', async () => {
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    for (const endpoint of ['http://push.example.com/x', 'https://10.1.2.3/x', 'https://localhost/x']) {
      const res = await post(cookie, { name: 'Phone', subscription: { endpoint, keys: keys() } });
      expect(res.status, endpoint).toBe(400);
      expect(Object.keys(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['subscription.endpoint']);
    }
  });

  it('keeps one device per endpoint, lists only the user’s own, and lets only its owner remove it', async () => {
    const dana = await signIn(server.url, 'dana@demo.sixty');
    const sam = await signIn(server.url, 'sam@demo.sixty');
    const body = { name: 'Phone', subscription: { endpoint: 'https://push.example/dana-1', keys: keys() } };
    const first = await post(dana, body);
    expect(first.status).toBe(201);
    const { device } = (await first.json()) as { device: { id: string; name: string; createdAt: string; lastDeliveryAt: null; lastFailure: null } };
    expect(device).toEqual({
      id: expect.any(String),
      name: 'Phone',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastDeliveryAt: null,
      lastFailure: null,
    });
    const second = await post(dana, { ...body, name: 'My phone' });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { device: { id: string; name: string } }).device).toMatchObject({ id: device.id, name: 'My phone' });
    const samList = (await (await fetch(`${server.url}/v1/console/devices`, { headers: { cookie: sam } })).json()) as { devices: unknown[] };
    expect(samList.devices).toEqual([]);
    expect((await fetch(`${server.url}/v1/console/devices/${device.id}`, { method: 'DELETE', headers: { cookie: sam, origin: server.url } })).status).toBe(404);
    // Writes from another origin and calls without a session are refused.
    expect((await post(dana, body, 'http://evil.example')).status).toBe(403);
    expect((await fetch(`${server.url}/v1/console/devices`)).status).toBe(401);
    expect((await fetch(`${server.url}/v1/console/push/key`)).status).toBe(401);
    expect((await fetch(`${server.url}/v1/console/devices/${device.id}`, { method: 'DELETE', headers: { cookie: dana, origin: server.url } })).status).toBe(
      204,
    );
  });
});

describe('turning alerts off on the last device', () => {
  it('sets a rep who was available on devices away, and their console hears it', async () => {
    const { socket, cookie } = await rep('dana@demo.sixty');
    const browser = newBrowser(`${pushService.origin}/push/last`);
    const { device } = (await (await addDevice(cookie, browser, 'Only phone')).json()) as { device: { id: string } };
    // 'devices' ("Available on my devices") is set here as the console's presence toggle would.
    await rows(server, "update users set presence = 'devices' where email = ?", 'dana@demo.sixty');
    const changed = nextEvent<{ presence: string; reason?: string }>(socket, 'presence:changed');
    const res = await fetch(`${server.url}/v1/console/devices/${device.id}`, { method: 'DELETE', headers: { cookie, origin: server.url } });
    expect(res.status).toBe(204);
    expect(await changed).toEqual({ presence: 'away', reason: LAST_DEVICE_REMOVED });
    expect(await rows(server, 'select presence from users where email = ?', 'dana@demo.sixty')).toEqual([{ presence: 'away' }]);
  });
});

describe('POST /v1/push/action', () => {
  it('answers bad input with field messages', async () => {
    const res = await fetch(`${server.url}/v1/push/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'call' }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['action', 'token']);
  });

  // Last: it spends this address's budget of push actions for the minute.
  it('is rate-limited per address, with Retry-After', async () => {
    let limited: Response | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await pushAction(randomBytes(32).toString('base64url'), 'accept');
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
