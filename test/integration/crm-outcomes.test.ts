// Outcomes to revenue over a real server and a real SQLite file: a rep logs a deal's value and
// closes it in the console; a CRM opens and closes an opportunity with an API key through the same
// stage machine; admins create, list and revoke keys and set the workspace's currency; a revoked
// key, another workspace's key and bad bodies are refused as the API says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadCard } from '../../shared/api';
import type { ApiKeyRow, CreatedApiKey } from '../../shared/console-api';
import { crmOutcomeAnswerSchema } from '../../shared/schemas/crm.schema';
import { hashPassword } from '../../server/auth/password';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { acceptedLead as accept } from '../helpers/accepted-lead';

let server: TestServer;
let admin: string;
const BETA_PASSWORD = 'beta workspace secret';

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  await server.deps.store.createWorkspace(
    {
      workspace: { name: 'Beta Ltd' },
      sites: [{ ...DEFAULT_SITE(20_000), name: 'Beta site', siteKey: 'beta-site-key-crm0001', allowedOrigins: ['https://beta.example'] }],
      users: [{ email: 'admin@beta.test', name: 'Bea Admin', role: 'admin', passwordHash: await hashPassword(BETA_PASSWORD) }],
    },
    Date.now(),
  );
});
afterAll(() => server.stop());

async function api(path: string, cookie: string | null, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
  });
  return { status: res.status, headers: res.headers, body: res.status === 204 ? null : ((await res.json()) as any) };
}

/** What a CRM sends: the key as a bearer token. */
const crm = (leadId: string, key: string | null, body: unknown, url = server.url) =>
  fetch(`${url}/v1/leads/${leadId}/outcome`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, headers: res.headers, body: (await res.json()) as any }));

async function createKey(cookie: string, name: string): Promise<CreatedApiKey> {
  const res = await api('/v1/console/api-keys', cookie, { method: 'POST', body: JSON.stringify({ name }) });
  expect(res.status).toBe(201);
  return res.body as CreatedApiKey;
}

let phoneSuffix = 10;

/** A lead accepted by Dana (SAL), each from its own phone. */
const acceptedLead = () => accept(server, 'dana@demo.sixty', { phone: `+1 415 555 03${phoneSuffix++}` });

describe('workspace currency', () => {
  it('admins set an ISO 4217 code; a bad code gets a field message; others may read but not set it', async () => {
    expect((await api('/v1/console/workspace', admin)).body).toEqual({ name: 'Acme Commercial Kitchens', currency: 'USD' });
    const bad = await api('/v1/console/workspace', admin, { method: 'PUT', body: JSON.stringify({ currency: 'EURO' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.currency).toMatch(/ISO 4217/);
    const dana = await signIn(server.url, 'dana@demo.sixty');
    expect((await api('/v1/console/workspace', dana, { method: 'PUT', body: JSON.stringify({ currency: 'EUR' }) })).status).toBe(403);
    expect((await api('/v1/console/workspace', admin, { method: 'PUT', body: JSON.stringify({ currency: 'EUR' }) })).body.currency).toBe('EUR');
    // Every console page learns it with the user.
    expect((await api('/v1/console/me', dana)).body.currency).toBe('EUR');
  });
});

describe('the rep logs a deal in the console', () => {
  it('opens an opportunity with its value, closes it won; the card shows the value in the workspace currency', async () => {
    const { cookie, lead } = await acceptedLead();
    const opened = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'opportunity', value: 8000 }) });
    expect(opened.status).toBe(200);
    expect(opened.body.deal).toEqual({ value: 8000, currency: 'EUR', closedAt: null, closeReason: null });
    const won = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'won', value: 9500 }) });
    expect(won.body.stage).toBe('won');
    expect(won.body.deal).toMatchObject({ value: 9500, currency: 'EUR', closeReason: null });
    expect(won.body.deal.closedAt).toBeGreaterThan(0);
    expect(won.body.timeline.map((e: { text: string }) => e.text)).toContain('Deal won: Value €9,500');
    const dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!.id;
    expect(await rows(server, 'select from_stage as "from", to_stage as "to", actor from stage_changes where lead_id = ? order by id', lead.id)).toEqual(
      expect.arrayContaining([
        { from: 'sal', to: 'opportunity', actor: dana },
        { from: 'opportunity', to: 'won', actor: dana },
      ]),
    );
  });

  it('needs a reason to lose a deal, and shows it on the card; a value goes only with a deal', async () => {
    const { cookie, lead } = await acceptedLead();
    expect(
      (await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'nurture', reason: 'Later', value: 5 }) }))
        .body.error.fields,
    ).toEqual({ value: 'A value goes with opportunity, won or lost' });
    await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'opportunity' }) });
    const noReason = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'lost' }) });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toMatch(/reason is required/);
    const lost = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'lost', reason: 'Went with a competitor', value: 4000 }),
    });
    expect(lost.body.deal).toMatchObject({ value: 4000, closeReason: 'Went with a competitor' });
  });
});

describe('a manager logs a deal in the console', () => {
  it("closes a deal a rep owns, recorded as the manager's; a call on it stays the owner's to log", async () => {
    const { cookie, lead } = await acceptedLead();
    await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'opportunity', value: 2500 }) });
    const call = await api(`/v1/console/leads/${lead.id}/outcome`, admin, { method: 'POST', body: JSON.stringify({ outcome: 'won', call: 'connected' }) });
    expect(call.status).toBe(403);
    expect(call.body.error.message).toBe('Only the rep who owns this lead can log a call on it');
    const won = await api(`/v1/console/leads/${lead.id}/outcome`, admin, { method: 'POST', body: JSON.stringify({ outcome: 'won', value: 2700 }) });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ stage: 'won', ownerName: 'Dana Reyes', deal: { value: 2700, currency: 'EUR' } });
    const adminId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.id;
    expect(await rows(server, 'select to_stage as "to", actor from stage_changes where lead_id = ? and to_stage = ?', lead.id, 'won')).toEqual([
      { to: 'won', actor: adminId },
    ]);
    // A rep may not do the same on a colleague's lead.
    const other = await acceptedLead();
    const sam = await signIn(server.url, 'sam@demo.sixty');
    expect(
      (await api(`/v1/console/leads/${other.lead.id}/outcome`, sam, { method: 'POST', body: JSON.stringify({ outcome: 'nurture', reason: 'Later' }) })).status,
    ).toBe(403);
  });
});

describe('PATCH /v1/leads/:id/outcome with an API key', () => {
  it('a CRM opens an opportunity with its value and closes it won; the trail and the stage changes say which key', async () => {
    const key = await createKey(admin, 'HubSpot sync');
    expect(key.secret).toMatch(/^sixty_live_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const { cookie, lead } = await acceptedLead();

    const opened = await crm(lead.id, key.secret, { stage: 'opportunity', value: 12500 });
    expect(opened).toMatchObject({ status: 200, body: { id: lead.id, stage: 'opportunity', value: 12500, currency: 'EUR', closedAt: null } });
    const before = Date.now();
    const won = await crm(lead.id, key.secret, { stage: 'won', value: 13000, currency: 'EUR' });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ stage: 'won', value: 13000, currency: 'EUR' });
    expect(won.body.closedAt).toBeGreaterThanOrEqual(before - 1000);
    // The answers are what the API documents (api-docs.test.ts leaves this route to this file).
    for (const answer of [opened.body, won.body]) expect(crmOutcomeAnswerSchema.safeParse(answer).success).toBe(true);

    // The rep sees it on the lead card, in the workspace's currency, with who did it.
    const card = (await api(`/v1/console/leads/${lead.id}`, cookie)).body as LeadCard;
    expect(card.stage).toBe('won');
    expect(card.deal).toMatchObject({ value: 13000, currency: 'EUR' });
    expect(card.timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining(['Opportunity opened: Value €12,500 (via API key HubSpot sync)', 'Deal won: Value €13,000 (via API key HubSpot sync)']),
    );
    expect(
      await rows(
        server,
        'select from_stage as "from", to_stage as "to", actor from stage_changes where lead_id = ? and actor like ? order by id',
        lead.id,
        'api_key:%',
      ),
    ).toEqual([
      { from: 'sal', to: 'opportunity', actor: `api_key:${key.id}` },
      { from: 'opportunity', to: 'won', actor: `api_key:${key.id}` },
    ]);
    const listed = (await api('/v1/console/api-keys', admin)).body as ApiKeyRow[];
    const row = listed.find((k) => k.id === key.id)!;
    expect(row).toMatchObject({ name: 'HubSpot sync', prefix: key.prefix, createdBy: 'Alex Admin', revokedAt: null });
    expect(row.lastUsedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(row).not.toHaveProperty('secret');
    // Stored hashed: the secret is nowhere in the table.
    expect(JSON.stringify(await rows(server, 'select * from api_keys'))).not.toContain(key.secret);

    // Won is final: the same stage machine as the console, its rule named.
    const again = await crm(lead.id, key.secret, { stage: 'lost', reason: 'Changed their mind' });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'stage_rule', message: 'The stage rules do not allow WON → LOST. WON is final: a lead never leaves it.' });
  });

  it('answers bad bodies with 400 and a message per field', async () => {
    const key = await createKey(admin, 'Validation');
    const { lead } = await acceptedLead();
    const cases: Array<[unknown, Record<string, RegExp>]> = [
      [{ stage: 'closed' }, { stage: /one of sql, opportunity, won, lost/ }],
      [{ stage: 'won', value: -5 }, { value: /0 or more/ }],
      [{ stage: 'won', value: '12,500' }, { value: /as a number/ }],
      [{ stage: 'lost' }, { reason: /reason is required/ }],
      [{ stage: 'nurture', reason: 'Later', value: 10 }, { value: /goes with opportunity, won or lost/ }],
      [{ stage: 'won', currency: 'euro' }, { currency: /ISO 4217/ }],
      [{ stage: 'opportunity', amount: 3 }, { amount: /Unknown field/ }],
      [{}, { stage: /Use one of/ }],
    ];
    for (const [body, fields] of cases) {
      const res = await crm(lead.id, key.secret, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      for (const [field, message] of Object.entries(fields)) expect(res.body.error.fields[field], JSON.stringify(body)).toMatch(message);
    }
    // Another currency than the workspace's: values are never converted.
    const usd = await crm(lead.id, key.secret, { stage: 'opportunity', value: 10, currency: 'USD' });
    expect(usd.status).toBe(400);
    expect(usd.body.error.fields.currency).toBe("This workspace's deals are in EUR: send the value in EUR");
    // A move the machine forbids is a conflict, not a bad body.
    const skip = await crm(lead.id, key.secret, { stage: 'won', value: 1 });
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toMatch(/SAL → WON/);
    // Nothing of it was written.
    expect((await api(`/v1/console/leads/${lead.id}`, await signIn(server.url, 'dana@demo.sixty'))).body.stage).toBe('sal');
  });

  it('refuses a missing, unknown or revoked key with 401 and a Bearer challenge; revoking works at once', async () => {
    const key = await createKey(admin, 'Old Pipedrive');
    const { lead } = await acceptedLead();
    for (const secret of [null, 'sixty_live_not-a-key']) {
      const res = await crm(lead.id, secret, { stage: 'opportunity' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sixty"/);
    }
    expect((await crm(lead.id, key.secret, { stage: 'opportunity', value: 100 })).status).toBe(200);
    expect((await api(`/v1/console/api-keys/${key.id}`, admin, { method: 'DELETE' })).status).toBe(204);
    const revoked = await crm(lead.id, key.secret, { stage: 'won', value: 100 });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer realm="sixty", error="invalid_token"');
    expect(revoked.body.error.message).toBe('This API key was revoked');
    expect((await api(`/v1/console/leads/${lead.id}`, await signIn(server.url, 'dana@demo.sixty'))).body.stage).toBe('opportunity');
    const listed = ((await api('/v1/console/api-keys', admin)).body as ApiKeyRow[]).find((k) => k.id === key.id)!;
    expect(listed.revokedAt).toBeGreaterThan(0);
    // Revoked once; a second time there is no live key of that id.
    expect((await api(`/v1/console/api-keys/${key.id}`, admin, { method: 'DELETE' })).status).toBe(404);
  });

  it("another workspace's key cannot touch the lead: 404, as for a lead that does not exist", async () => {
    const beta = await signIn(server.url, 'admin@beta.test', BETA_PASSWORD);
    const betaKey = await createKey(beta, 'Beta CRM');
    const { lead } = await acceptedLead();
    const foreign = await crm(lead.id, betaKey.secret, { stage: 'opportunity', value: 1 });
    const missing = await crm('no-such-lead', betaKey.secret, { stage: 'opportunity', value: 1 });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'No such lead' } } });
    expect(missing.body).toEqual(foreign.body);
    expect((await api(`/v1/console/leads/${lead.id}`, await signIn(server.url, 'dana@demo.sixty'))).body.stage).toBe('sal');
    // Neither may Beta's admin see or revoke workspace A's keys.
    const aKeys = (await api('/v1/console/api-keys', admin)).body as ApiKeyRow[];
    expect(((await api('/v1/console/api-keys', beta)).body as ApiKeyRow[]).map((k) => k.name)).toEqual(['Beta CRM']);
    expect((await api(`/v1/console/api-keys/${aKeys[0]!.id}`, beta, { method: 'DELETE' })).status).toBe(404);
    // Reps and managers do not manage keys.
    expect((await api('/v1/console/api-keys', await signIn(server.url, 'dana@demo.sixty'))).status).toBe(403);
  });
});

describe('SIXTY_LIMIT_API_PER_IP', () => {
  it('answers 429 with Retry-After past the limit of requests per address, keys guessed or not', async () => {
    const limited = await startTestServer({ limits: { apiPerIpPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof crm>> | null = null;
      for (let i = 0; i < 4; i++) {
        last = await crm('any-lead', `sixty_live_guess${i}`, { stage: 'won' }, limited.url);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.body.error.code).toBe('rate_limited');
    } finally {
      await limited.stop();
    }
  });
});
