// Workspace isolation: every role of a second workspace, pointed at every id of the first
// workspace in every endpoint and socket event, gets 403 or 404, never the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { hashPassword } from '../../server/auth/password';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { callbackBody, connected, postCallback, repSocket, signIn, startTestServer, visitorSocket, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
/** Ids that belong to workspace A (the demo). */
const a = { leadId: '', siteId: '', offerId: '', userId: '', webhookId: '', deliveryId: 0, teamId: '', ruleId: '', inviteId: '' };
const B_PASSWORD = 'beta workspace secret';

beforeAll(async () => {
  // Workspace A's webhook points at a local port, which Sixty refuses unless allowed.
  server = await startTestServer({ webhookTickMs: 50, fetchAllow: ['127.0.0.1'] });
  const passwordHash = await hashPassword(B_PASSWORD);
  await server.deps.store.createWorkspace(
    {
      workspace: { name: 'Beta Ltd' },
      sites: [{ ...DEFAULT_SITE(20_000), name: 'Beta site', siteKey: 'beta-site-key-000001', allowedOrigins: ['https://beta.example'] }],
      users: [
        { email: 'admin@beta.test', name: 'Bea Admin', role: 'admin', passwordHash },
        { email: 'manager@beta.test', name: 'Ben Manager', role: 'manager', passwordHash },
        { email: 'rep@beta.test', name: 'Bo Rep', role: 'rep', passwordHash },
      ],
    },
    Date.now(),
  );
  // Workspace A: a lead offered to Dana (open offer), a webhook with a delivery.
  const adminA = await signIn(server.url, 'admin@demo.sixty');
  const hook = await fetch(`${server.url}/v1/console/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminA },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/x', kind: 'signed', topics: ['*'] }),
  });
  a.webhookId = ((await hook.json()) as { id: string }).id;
  const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  await connected(dana);
  const offered = new Promise<OfferView>((r) => dana.once('offer:new', r));
  await dana.emitWithAck('presence:set', 'available');
  const lead = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Secret Sally', phone: '+1 415 555 0123' }));
  const offer = await offered;
  a.leadId = lead.body.leadId;
  a.offerId = offer.offerId;
  a.siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  a.userId = (await server.deps.store.userByEmail('dana@demo.sixty'))!.id;
  const workspaceA = (await server.deps.store.userById(a.userId))!.workspaceId;
  a.teamId = (await server.deps.store.teams(workspaceA))[0]!.id;
  a.ruleId = (await server.deps.store.routingRules(a.siteId))[0]!.id;
  await server.deps.store.setAccountOwner(workspaceA, 'secret-account.example', a.userId);
  await fetch(`${server.url}/v1/console/users/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminA },
    body: JSON.stringify({ email: 'pending@demo.sixty', name: 'Pending Pat', role: 'rep' }),
  });
  a.inviteId = (await server.deps.admin.pendingInvites(workspaceA, Date.now()))[0]!.id;
  // Without a delivery id the cross-workspace checks on it would test nothing.
  a.deliveryId = await waitFor(
    'a webhook delivery of workspace A',
    async () => {
      const list = (await (await fetch(`${server.url}/v1/console/webhooks`, { headers: { cookie: adminA } })).json()) as Array<{
        deliveries: Array<{ id: number }>;
      }>;
      return list[0]?.deliveries[0]?.id;
    },
    15_000,
    50,
  );
  dana.close();
});
afterAll(() => server.stop());

const requests = () =>
  [
    ['GET', `/v1/console/leads/${a.leadId}`],
    ['POST', `/v1/console/leads/${a.leadId}/call`],
    ['POST', `/v1/console/leads/${a.leadId}/outcome`, { outcome: 'connected' }],
    ['POST', `/v1/console/leads/${a.leadId}/notes`, { text: 'hi' }],
    ['POST', `/v1/console/leads/${a.leadId}/claim`],
    ['POST', `/v1/console/leads/${a.leadId}/offer`, { repId: a.userId }],
    ['POST', `/v1/console/leads/${a.leadId}/reassign`, { repId: a.userId }],
    ['GET', `/v1/sites/${a.siteId}/rules`],
    ['POST', `/v1/sites/${a.siteId}/rules/backtest`, {}],
    ['POST', `/v1/sites/${a.siteId}/rules/1/publish`],
    ['GET', `/v1/sites/${a.siteId}/settings`],
    [
      'PUT',
      `/v1/sites/${a.siteId}/settings`,
      {
        consent: 'implied',
        formsCountAsContactRequest: false,
        trackSelectors: [],
        browserCalls: false,
        botFilter: false,
        maxEventsPerSecond: 9,
        minSubmitMs: 0,
      },
    ],
    ['PUT', `/v1/console/sites/${a.siteId}`, { name: 'x', allowedOrigins: ['https://x.example'], phoneRegion: 'US', offerTimeoutMs: 20000 }],
    ['POST', `/v1/console/sites/${a.siteId}/rotate-key`],
    ['PUT', `/v1/console/sites/${a.siteId}/appearance`, { accentColor: '#000000', position: 'left', zIndex: 1, texts: {} }],
    ['POST', `/v1/console/users/${a.userId}/password-reset`],
    ['POST', `/v1/console/users/${a.userId}/deactivate`],
    ['DELETE', `/v1/console/webhooks/${a.webhookId}`],
    ['PUT', `/v1/console/teams/${a.teamId}`, { name: 'x', hours: { timeZone: 'UTC', weekly: [], holidays: [] } }],
    ['PUT', `/v1/console/teams/${a.teamId}/members`, { members: [] }],
    ['PUT', `/v1/console/reps/${a.userId}`, { offerCapacity: 3 }],
    ['GET', `/v1/console/sites/${a.siteId}/routing-rules`],
    ['POST', `/v1/console/sites/${a.siteId}/routing-rules`, { name: 'x', conditions: [], teamId: a.teamId, strategy: 'broadcast' }],
    ['PUT', `/v1/console/sites/${a.siteId}/routing-rules/order`, { ruleIds: [a.ruleId] }],
    ['PUT', `/v1/console/sites/${a.siteId}/routing-rules/${a.ruleId}`, { name: 'x', conditions: [], teamId: a.teamId, strategy: 'broadcast' }],
    ['DELETE', `/v1/console/sites/${a.siteId}/routing-rules/${a.ruleId}`],
    ['GET', `/v1/console/sites/${a.siteId}/routing`],
    [
      'PUT',
      `/v1/console/sites/${a.siteId}/routing`,
      { offerTimeoutMs: 20000, slaMs: 60000, missedOffersBeforeAway: 0, followUpCadence: { offsetsBusinessDays: [0] } },
    ],
    ['DELETE', `/v1/console/users/invites/${a.inviteId}`],
    ['POST', `/v1/console/webhooks/deliveries/${a.deliveryId}/replay`],
  ] as Array<[string, string, unknown?]>;

describe('workspace isolation', () => {
  for (const role of ['admin', 'manager', 'rep']) {
    it(`a ${role} of another workspace gets 403 or 404 for every id of this one, and sees none of its data`, async () => {
      const cookie = await signIn(server.url, `${role}@beta.test`, B_PASSWORD);
      for (const [method, path, body] of requests()) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', cookie },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        expect([403, 404, 400], `${role} ${method} ${path} -> ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
        if (res.status === 400) expect(path).toMatch(/backtest/); // the draft is validated before the site lookup
        expect(text).not.toContain('Secret Sally');
        expect(text).not.toContain('+14155550123');
      }
      // Lists show only their own workspace.
      for (const path of [
        '/v1/console/leads/mine',
        '/v1/console/leads/warm',
        '/v1/console/follow-ups',
        '/v1/console/supervisor',
        '/v1/console/reports',
        '/v1/console/reports/leads.csv',
        '/v1/console/sites',
        '/v1/console/users',
        '/v1/console/webhooks',
        '/v1/console/teams',
        '/v1/console/reps',
        '/v1/console/account-owners',
        '/v1/console/users/invites',
      ]) {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        const text = await res.text();
        expect(text, `${role} ${path}`).not.toContain('Secret Sally');
        expect(text).not.toContain('+14155550123');
        expect(text).not.toContain(server.siteKey);
        expect(text).not.toContain('dana@demo.sixty');
        expect(text).not.toContain('Dana Reyes');
        expect(text).not.toContain('secret-account.example');
        expect(text).not.toContain('pending@demo.sixty');
      }
      // Workspace A's routing is unchanged.
      expect((await server.deps.store.routingRules(a.siteId)).map((r) => r.id)).toEqual([a.ruleId]);
      expect((await server.deps.store.teams((await server.deps.store.userById(a.userId))!.workspaceId))[0]!.members).toHaveLength(2);
      // The lead was not touched.
      const card = await server.deps.store.leadCard(a.leadId, (await server.deps.store.leadWorkspace(a.leadId))!);
      expect(card).toMatchObject({ name: 'Secret Sally', stage: 'hot' });
      expect(card!.notes).toEqual([]);
    });
  }

  it("a rep of another workspace cannot accept or decline this workspace's offer over the socket", async () => {
    const bo = repSocket(server.url, await signIn(server.url, 'rep@beta.test', B_PASSWORD));
    await connected(bo);
    expect(await bo.emitWithAck('offer:accept', { offerId: a.offerId })).toEqual({ ok: false, error: 'not_found' });
    expect(await bo.emitWithAck('offer:decline', { offerId: a.offerId })).toEqual({ ok: false, error: 'not_found' });
    const sync = await bo.emitWithAck('offers:sync');
    expect(JSON.stringify(sync)).not.toContain('Secret Sally');
    bo.close();
  });

  it("another site's page cannot use a lead's visitor token", async () => {
    const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: '+1 415 555 0124' }));
    const s = visitorSocket(server.url, res.body.visitorToken, 'https://beta.example');
    await expect(connected(s)).rejects.toThrow('forbidden');
    s.close();
  });
});

describe('revoked sessions', () => {
  it('signing out drops the live connections of that session (and only that one) within 5 s', async () => {
    const first = await signIn(server.url, 'sam@demo.sixty');
    const second = await signIn(server.url, 'sam@demo.sixty');
    const a = repSocket(server.url, first);
    const b = repSocket(server.url, second);
    await Promise.all([connected(a), connected(b)]);
    const dropped = new Promise<number>((r) => a.on('disconnect', () => r(Date.now())));
    const t0 = Date.now();
    expect((await fetch(`${server.url}/v1/console/session`, { method: 'DELETE', headers: { cookie: first } })).status).toBe(204);
    expect((await dropped) - t0).toBeLessThan(5000);
    expect(b.connected).toBe(true);
    // And it cannot come back with the revoked cookie.
    const again = repSocket(server.url, first);
    await expect(connected(again)).rejects.toThrow('unauthenticated');
    b.close();
  });
});
