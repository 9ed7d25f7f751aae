// A routing rule added from the console takes effect, seen from the rep's side: it lands above
// the catch-all, a lead it matches is offered to the rep of its team, and the offer's lead card
// says which rule routed it. A lead it does not match still falls through to "Everyone else".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
const reps: RepClient[] = [];

async function call(path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${server.url}/v1/console${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as any;
}

async function online(email: string): Promise<RepClient> {
  const socket = repSocket(server.url, await signIn(server.url, email));
  reps.push(socket);
  await connected(socket);
  await socket.emitWithAck('presence:set', 'available');
  return socket;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
});
afterAll(async () => {
  for (const r of reps) r.close();
  await server.stop();
});

describe('a new routing rule', () => {
  it('routes the leads it matches to its team, and the rep sees the rule on the lead', async () => {
    const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
    const sam = (await server.deps.store.userByEmail('sam@demo.sixty'))!.id;
    const team = await call('/teams', 'POST', { name: 'Commercial desk', hours: ALWAYS_OPEN, members: [{ repId: sam, weight: 1 }] });
    const rule = await call(`/sites/${siteId}/routing-rules`, 'POST', {
      name: 'Commercial only',
      conditions: [{ field: 'answer', key: 'projects', op: 'in', values: ['commercial'] }],
      teamId: team.id,
      strategy: 'round_robin',
    });
    expect((await call(`/sites/${siteId}/routing-rules`)).map((r: any) => r.name)).toEqual(['Commercial only', 'Everyone else']);

    const [dana, samSocket] = [await online('dana@demo.sixty'), await online('sam@demo.sixty')];
    const danaOffers: OfferView[] = [];
    dana.on('offer:new', (o) => danaOffers.push(o));
    const offered = nextEvent<OfferView>(samSocket, 'offer:new');
    const lead = await postCallback(server.url, callbackBody(server.siteKey, { answers: { projects: 'commercial', size: '11-50', role: 'decision' } }));
    expect(lead.status).toBe(201);
    const offer = await offered;
    expect(offer.leadId).toBe(lead.body.leadId);
    expect(offer.lead.timeline.map((e) => e.text)).toContainEqual(`Rule "${rule.name}" matched: team Commercial desk, round robin`);
    expect(danaOffers).toEqual([]);

    // Sam is now busy with one offer; a mixed-projects lead is not this rule's: Dana, via the catch-all.
    const fallThrough = nextEvent<OfferView>(dana, 'offer:new');
    const other = await postCallback(
      server.url,
      callbackBody(server.siteKey, { phone: '+1 415 555 2672', answers: { projects: 'both', size: '11-50', role: 'decision' } }),
    );
    expect(other.status).toBe(201);
    expect((await fallThrough).lead.timeline.map((e) => e.text)).toContainEqual('Rule "Everyone else" matched: team Sales, round robin');
  });
});
