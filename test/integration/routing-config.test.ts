// Routing configuration from the console: teams and hours, reps' settings, routing rules and
// their order, account owners, site routing settings, new sites, pending invites and revoking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
let manager: string;
let rep: string;
let siteId: string;
const ids = { dana: '', sam: '' };

const HOURS = { timeZone: 'Europe/Berlin', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })), holidays: ['2026-12-25'] };

async function call(path: string, cookie: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${server.url}/v1/console${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  rep = await signIn(server.url, 'dana@demo.sixty');
  // A manager joins through an invite.
  const invite = await call('/users/invites', admin, 'POST', { email: 'mia@demo.sixty', name: 'Mia Manager', role: 'manager' });
  const token = invite.body.link.split('/').pop();
  expect((await call(`/invites/${token}/accept`, '', 'POST', { password: 'manager password 1' })).status).toBe(201);
  manager = await signIn(server.url, 'mia@demo.sixty', 'manager password 1');
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  ids.dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!.id;
  ids.sam = (await server.deps.store.userByEmail('sam@demo.sixty'))!.id;
});
afterAll(() => server.stop());

describe('teams', () => {
  it('creates a team with hours and weighted members, then edits hours and members', async () => {
    const made = await call('/teams', manager, 'POST', { name: 'Enterprise', hours: HOURS, members: [{ repId: ids.dana, weight: 3 }] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Enterprise', hours: HOURS, members: [{ repId: ids.dana, name: 'Dana Reyes', weight: 3 }] });
    const hours = { ...HOURS, timeZone: 'America/New_York', holidays: [] };
    expect((await call(`/teams/${made.body.id}`, admin, 'PUT', { name: 'Enterprise US', hours })).body).toMatchObject({ name: 'Enterprise US', hours });
    const members = await call(`/teams/${made.body.id}/members`, admin, 'PUT', {
      members: [
        { repId: ids.dana, weight: 1 },
        { repId: ids.sam, weight: 2 },
      ],
    });
    expect(members.body.members.map((m: any) => [m.repId, m.weight])).toEqual([
      [ids.dana, 1],
      [ids.sam, 2],
    ]);
    expect((await call('/teams', admin)).body.map((t: any) => t.name)).toEqual(['Sales', 'Enterprise US']);
  });

  it('points at the fields to fix', async () => {
    const bad = await call('/teams', admin, 'POST', {
      name: '',
      hours: { timeZone: 'Mars/Olympus', weekly: [{ day: 8, open: '18:00', close: '09:00' }], holidays: ['25.12.2026'] },
      members: [{ repId: 'nobody', weight: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'hours.holidays.0',
      'hours.timeZone',
      'hours.weekly.0.close',
      'hours.weekly.0.day',
      'members.0.weight',
      'name',
    ]);
    const stranger = await call('/teams', admin, 'POST', { name: 'X', hours: HOURS, members: [{ repId: 'nobody', weight: 1 }] });
    expect(stranger.body.error.fields).toEqual({ 'members.0.repId': 'No such user in this workspace' });
    const [team] = (await call('/teams', admin)).body;
    const twice = await call(`/teams/${team.id}/members`, admin, 'PUT', {
      members: [
        { repId: ids.dana, weight: 1 },
        { repId: ids.dana, weight: 2 },
      ],
    });
    expect(twice.body.error.fields).toEqual({ 'members.1.repId': 'Listed twice' });
  });

  it('is not for reps, and unknown ids are 404', async () => {
    expect((await call('/teams', rep)).status).toBe(403);
    expect((await call('/teams', rep, 'POST', { name: 'X', hours: HOURS, members: [] })).status).toBe(403);
    expect((await call('/teams/nope', admin, 'PUT', { name: 'X', hours: HOURS })).status).toBe(404);
    expect((await call('/teams/nope/members', admin, 'PUT', { members: [] })).status).toBe(404);
  });
});

describe('reps', () => {
  it('lists every user with their routing settings and teams, and updates them', async () => {
    const list = (await call('/reps', manager)).body;
    expect(list.find((r: any) => r.id === ids.dana)).toMatchObject({
      name: 'Dana Reyes',
      offerCapacity: 1,
      leadCapacity: 5,
      skills: [],
      ownHours: null,
      teams: expect.arrayContaining([expect.objectContaining({ name: 'Sales' })]),
    });
    const saved = await call(`/reps/${ids.sam}`, manager, 'PUT', {
      offerCapacity: 2,
      leadCapacity: 8,
      skills: ['ovens'],
      languages: ['de', 'en'],
      territories: ['de', '*'],
      ownHours: HOURS,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      offerCapacity: 2,
      leadCapacity: 8,
      skills: ['ovens'],
      languages: ['de', 'en'],
      territories: ['DE', '*'],
      ownHours: HOURS,
    });
    expect((await call(`/reps/${ids.sam}`, manager, 'PUT', { ownHours: null })).body.ownHours).toBeNull();
  });

  it('validates field by field; reps may not; unknown users are 404', async () => {
    const bad = await call(`/reps/${ids.sam}`, admin, 'PUT', { offerCapacity: 0, languages: ['german'], territories: ['Germany'], colour: 'red' });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['colour', 'languages.0', 'offerCapacity', 'territories.0']);
    expect((await call(`/reps/${ids.sam}`, rep, 'PUT', { offerCapacity: 3 })).status).toBe(403);
    expect((await call('/reps', rep)).status).toBe(403);
    expect((await call('/reps/nope', admin, 'PUT', { offerCapacity: 3 })).status).toBe(404);
  });
});

describe('routing rules', () => {
  it('creates a rule above the catch-all, edits, reorders and deletes the rules of a site', async () => {
    const [sales, enterprise] = (await call('/teams', admin)).body;
    const rule = {
      name: 'Big commercial',
      conditions: [
        { field: 'answer', key: 'projects', op: 'in', values: ['commercial'] },
        { field: 'company_size', op: 'gte', value: 201 },
      ],
      teamId: enterprise.id,
      strategy: 'round_robin',
      overflowTeamId: sales.id,
      requires: { skills: ['ovens'], languages: [], territory: false },
    };
    const made = await call(`/sites/${siteId}/routing-rules`, manager, 'POST', rule);
    expect(made.status).toBe(201);
    // Above "Everyone else", so it is tried first.
    expect(made.body).toMatchObject({ ...rule, escalateToEveryone: false, ownerWaitMs: 0, position: 1, unreachable: null });
    const listed = (await call(`/sites/${siteId}/routing-rules`, admin)).body;
    expect(listed.map((r: any) => [r.name, r.position, r.unreachable])).toEqual([
      ['Big commercial', 1, null],
      ['Everyone else', 2, null],
    ]);
    const edited = await call(`/sites/${siteId}/routing-rules/${made.body.id}`, manager, 'PUT', { ...rule, strategy: 'weighted', escalateToEveryone: true });
    expect(edited.body).toMatchObject({ strategy: 'weighted', escalateToEveryone: true, unreachable: null });

    // Moving the catch-all up leaves the rule below it unreachable, and says why.
    const everyone = listed[1].id;
    const reordered = await call(`/sites/${siteId}/routing-rules/order`, admin, 'PUT', { ruleIds: [everyone] });
    expect(reordered.body.map((r: any) => [r.id, r.position])).toEqual([
      [everyone, 1],
      [made.body.id, 2],
    ]);
    expect(reordered.body[1].unreachable).toEqual({ code: 'after_catch_all', reason: 'after the catch-all rule "Everyone else"' });
    expect((await call(`/sites/${siteId}/routing-rules/order`, admin, 'PUT', { ruleIds: [made.body.id] })).body.map((r: any) => r.id)).toEqual([
      made.body.id,
      everyone,
    ]);

    // A second rule goes below the first and above the catch-all; the first takes all its leads.
    const extra = await call(`/sites/${siteId}/routing-rules`, admin, 'POST', { ...rule, name: 'Temp' });
    expect(extra.body).toMatchObject({
      position: 2,
      unreachable: { code: 'shadowed', reason: 'every lead it could match is taken first by the rule "Big commercial" above it' },
    });
    expect((await call(`/sites/${siteId}/routing-rules`, admin)).body.map((r: any) => r.name)).toEqual(['Big commercial', 'Temp', 'Everyone else']);
    expect((await call(`/sites/${siteId}/routing-rules/${extra.body.id}`, admin, 'DELETE')).status).toBe(204);
    expect((await call(`/sites/${siteId}/routing-rules`, admin)).body).toHaveLength(2);
  });

  it('flags rules that can never match under the published questions, with why', async () => {
    const [sales] = (await call('/teams', admin)).body;
    const add = async (name: string, conditions: unknown[]) =>
      (await call(`/sites/${siteId}/routing-rules`, admin, 'POST', { name, conditions, teamId: sales.id, strategy: 'broadcast' })).body;
    const night = await add('Night', []);
    expect(night).toMatchObject({ position: 3, unreachable: { code: 'after_catch_all', reason: 'after the catch-all rule "Everyone else"' } });
    const flagged = [
      await add('Industrial', [{ field: 'answer', key: 'projects', op: 'in', values: ['industrial'] }]),
      await add('Residential', [{ field: 'answer', key: 'projects', op: 'in', values: ['residential'] }]),
      await add('Budget', [{ field: 'answer', key: 'budget', op: 'in', values: ['big'] }]),
      await add('Both ways', [
        { field: 'answer', key: 'size', op: 'in', values: ['1-10'] },
        { field: 'answer', key: 'size', op: 'in', values: ['201+'] },
      ]),
    ];
    expect(flagged.map((r) => r.unreachable)).toEqual([
      { code: 'not_an_option', reason: 'answer "industrial" of question "What kind of projects do you do?" is not an option of the published rules' },
      {
        code: 'rules_out',
        reason:
          'answer "Residential only" to question "What kind of projects do you do?" rules the lead out (Residential-only work: we sell commercial equipment), and such leads are never routed',
      },
      { code: 'not_asked', reason: 'question "budget" is no longer asked' },
      { code: 'contradiction', reason: 'conditions on question "How many employees?" contradict each other' },
    ]);
    for (const r of [night, ...flagged]) expect((await call(`/sites/${siteId}/routing-rules/${r.id}`, admin, 'DELETE')).status).toBe(204);
  });

  it('points at the fields to fix, including teams of another workspace', async () => {
    const bad = await call(`/sites/${siteId}/routing-rules`, admin, 'POST', {
      name: 'x',
      conditions: [
        { field: 'score', op: 'gte', value: 'high' },
        { field: 'country', op: 'in', values: [] },
      ],
      teamId: 't',
      strategy: 'random',
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['conditions.0.value', 'conditions.1.values', 'strategy']);
    const team = await call(`/sites/${siteId}/routing-rules`, admin, 'POST', {
      name: 'x',
      conditions: [],
      teamId: 'nope',
      overflowTeamId: 'nada',
      strategy: 'broadcast',
    });
    expect(team.body.error.fields).toEqual({ teamId: 'No such team', overflowTeamId: 'No such team' });
    const order = await call(`/sites/${siteId}/routing-rules/order`, admin, 'PUT', { ruleIds: ['nope'] });
    expect(order.body.error.fields).toEqual({ 'ruleIds.0': 'No such rule on this site' });
  });

  it('is not for reps; unknown sites and rules are 404', async () => {
    expect((await call(`/sites/${siteId}/routing-rules`, rep)).status).toBe(403);
    expect((await call('/sites/nope/routing-rules', admin)).status).toBe(404);
    expect((await call(`/sites/${siteId}/routing-rules/nope`, admin, 'DELETE')).status).toBe(404);
  });
});

describe('account owners', () => {
  it('replaces the domain list and validates domains and reps', async () => {
    const saved = await call('/account-owners', manager, 'PUT', {
      owners: [
        { domain: '@Big.Example', repId: ids.sam },
        { domain: 'acme.io', repId: ids.dana },
      ],
    });
    expect(saved.body.owners).toEqual([
      { domain: 'acme.io', repId: ids.dana },
      { domain: 'big.example', repId: ids.sam },
    ]);
    expect((await call('/account-owners', admin)).body.owners).toHaveLength(2);
    const bad = await call('/account-owners', admin, 'PUT', {
      owners: [
        { domain: 'not a domain', repId: ids.sam },
        { domain: 'acme.io', repId: 'nobody' },
        { domain: 'acme.io', repId: ids.sam },
      ],
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['owners.0.domain', 'owners.2.domain']);
    const stranger = await call('/account-owners', admin, 'PUT', { owners: [{ domain: 'acme.io', repId: 'nobody' }] });
    expect(stranger.body.error.fields).toEqual({ 'owners.0.repId': 'No such user in this workspace' });
    expect((await call('/account-owners', rep)).status).toBe(403);
  });
});

describe('site routing settings', () => {
  it('saves offer timeout, SLA, missed offers and cadence, validated', async () => {
    const settings = { offerTimeoutMs: 30_000, slaMs: 120_000, missedOffersBeforeAway: 3, followUpCadence: { offsetsBusinessDays: [0, 2, 5] } };
    expect((await call(`/sites/${siteId}/routing`, manager, 'PUT', settings)).status).toBe(200);
    // Older clients leave the device settings out: they keep their defaults.
    expect((await call(`/sites/${siteId}/routing`, admin)).body).toEqual({ ...settings, deviceTimeoutMs: 45_000, deviceOrder: 'tabs_first' });
    expect(await server.deps.store.siteByKey(server.siteKey)).toMatchObject(settings);
    const devices = { ...settings, deviceTimeoutMs: 90_000, deviceOrder: 'with_tabs' };
    expect((await call(`/sites/${siteId}/routing`, manager, 'PUT', devices)).status).toBe(200);
    expect((await call(`/sites/${siteId}/routing`, admin)).body).toEqual(devices);
    const badDevices = await call(`/sites/${siteId}/routing`, admin, 'PUT', { ...settings, deviceTimeoutMs: 1000, deviceOrder: 'whenever' });
    expect(badDevices.status).toBe(400);
    expect(Object.keys(badDevices.body.error.fields).sort()).toEqual(['deviceOrder', 'deviceTimeoutMs']);
    const bad = await call(`/sites/${siteId}/routing`, admin, 'PUT', {
      offerTimeoutMs: 10,
      slaMs: 120_000,
      missedOffersBeforeAway: -1,
      followUpCadence: { offsetsBusinessDays: [3, 1] },
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['followUpCadence.offsetsBusinessDays', 'missedOffersBeforeAway', 'offerTimeoutMs']);
    expect((await call(`/sites/${siteId}/routing`, rep, 'PUT', settings)).status).toBe(403);
    expect((await call('/sites/nope/routing', admin)).status).toBe(404);
  });
});

describe('new sites', () => {
  it('creates a site with a new key, the default questions and a catch-all rule to the first team', async () => {
    const made = await call('/sites', manager, 'POST', { name: 'Shop', allowedOrigins: ['https://shop.example'], phoneRegion: 'DE' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Shop', allowedOrigins: ['https://shop.example'], phoneRegion: 'DE', siteKey: expect.stringMatching(/^site_/) });
    expect(made.body.siteKey).not.toBe(server.siteKey);
    const site = (await server.deps.store.siteByKey(made.body.siteKey))!;
    expect(site.rules.questions.map((q) => q.id)).toEqual(['projects', 'size', 'role']);
    const [sales] = (await call('/teams', admin)).body;
    expect((await call(`/sites/${made.body.id}/routing-rules`, admin)).body).toEqual([
      expect.objectContaining({ conditions: [], teamId: sales.id, strategy: 'round_robin' }),
    ]);
    const bad = await call('/sites', admin, 'POST', { name: ' ', allowedOrigins: ['shop.example/x'], phoneRegion: 'Germany' });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['allowedOrigins.0', 'name', 'phoneRegion']);
    expect((await call('/sites', rep, 'POST', { name: 'R', allowedOrigins: ['https://r.example'], phoneRegion: 'US' })).status).toBe(403);
  });
});

describe('pending invites', () => {
  it('lists invites not yet accepted, and a revoked link stops working', async () => {
    const invite = await call('/users/invites', admin, 'POST', { email: 'late@demo.sixty', name: 'Late Larry', role: 'rep' });
    const token = invite.body.link.split('/').pop();
    const pending = (await call('/users/invites', admin)).body;
    // The accepted manager invite is not pending.
    expect(pending.map((i: any) => i.email)).toEqual(['late@demo.sixty']);
    expect(pending[0]).toMatchObject({ name: 'Late Larry', role: 'rep', id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(JSON.stringify(pending)).not.toContain(token);
    expect((await call(`/users/invites/${pending[0].id}`, manager, 'DELETE')).status).toBe(403);
    expect((await call(`/users/invites/${pending[0].id}`, admin, 'DELETE')).status).toBe(204);
    expect((await call(`/users/invites/${pending[0].id}`, admin, 'DELETE')).status).toBe(404);
    expect((await call(`/invites/${token}`, '')).status).toBe(404);
    expect((await call('/users/invites', admin)).body).toEqual([]);
    expect((await call('/users/invites', manager)).status).toBe(403);
  });
});
