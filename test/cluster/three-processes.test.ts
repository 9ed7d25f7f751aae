// Three Sixty processes on one PostgreSQL and one Redis: a visitor on A, reps on B and C. The
// offer reaches the right rep wherever they are connected, the accept on C reaches the visitor
// on A, and presence chosen or lost on one process steers routing decided on another.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import { connectRep, offerInbox, presenceSeenBy, startCluster, type Cluster, type SixtyProcess } from '../helpers/cluster';
import { callbackBody, connected, postCallback, repSocket, signIn, visitorSocket, type RepClient, type VisitorClient } from '../helpers/test-server';

let cluster: Cluster;
let A: SixtyProcess;
let B: SixtyProcess;
let C: SixtyProcess;
let admin: string;
let dana: RepClient;
let sam: RepClient;
let danaInbox: ReturnType<typeof offerInbox>;
let samInbox: ReturnType<typeof offerInbox>;
const ids = { dana: '', sam: '' };
const sockets: Array<RepClient | VisitorClient> = [];

beforeAll(async () => {
  cluster = await startCluster({ offerTimeoutMs: 30_000 });
  [A, B, C] = cluster.nodes as [SixtyProcess, SixtyProcess, SixtyProcess];
  admin = await signIn(A.url, 'admin@demo.sixty');
  for (const { id, email } of await cluster.rows<{ id: string; email: string }>(
    "select id, email from users where email in ('dana@demo.sixty', 'sam@demo.sixty')",
  ))
    ids[email.startsWith('dana') ? 'dana' : 'sam'] = id;
  // Dana's console talks to B, Sam's to C: each signs in through the API of their own process.
  dana = await connectRep(B, 'dana@demo.sixty', 'away');
  sam = await connectRep(C, 'sam@demo.sixty', 'available');
  sockets.push(dana, sam);
  danaInbox = offerInbox(dana);
  samInbox = offerInbox(sam);
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(cluster.logs());
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await cluster?.stop();
});

async function owner(leadId: string): Promise<string | null> {
  return (await cluster.rows<{ owner: string | null }>('select owner_id as owner from leads where id = ?', leadId))[0]!.owner;
}

describe('three processes, one database, one Redis', () => {
  it('offers a lead submitted on A to the one eligible rep, Sam on C; his accept on C reaches the visitor on A', async () => {
    await presenceSeenBy(A, admin, { 'Dana Reyes': 'away', 'Sam Okafor': 'available' });
    const res = await postCallback(A.url, callbackBody(cluster.siteKey));
    expect(res.status).toBe(201);
    const leadId: string = res.body.leadId;

    const visitor = visitorSocket(A.url, res.body.visitorToken);
    sockets.push(visitor);
    const statuses: VisitorStatus[] = [];
    visitor.on('lead:status', (s) => statuses.push(s));
    await connected(visitor);
    // The status on connecting: the visitor's socket is in its lead's room on A.
    await expect.poll(() => statuses.length, { timeout: 5000 }).toBeGreaterThan(0);

    const offer = await samInbox.offerFor(leadId, 5000);
    expect(offer.leadId).toBe(leadId);
    const accepted = await sam.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect(accepted.ok).toBe(true);
    await expect.poll(() => statuses.at(-1), { timeout: 5000 }).toMatchObject({ state: 'accepted', repName: 'Sam Okafor' });
    expect(danaInbox.got.has(leadId)).toBe(false);
    expect(await owner(leadId)).toBe(ids.sam);
  });

  it('routes on A by presence chosen on B and C: Dana turns available on B, Sam away on C, and the next lead goes to Dana', async () => {
    expect((await dana.emitWithAck('presence:set', 'available')).ok).toBe(true);
    expect((await sam.emitWithAck('presence:set', 'away')).ok).toBe(true);
    await presenceSeenBy(A, admin, { 'Dana Reyes': 'available', 'Sam Okafor': 'away' });
    const res = await postCallback(A.url, callbackBody(cluster.siteKey, { name: 'Kai Next', phone: '+1 415 555 0101' }));
    expect(res.status).toBe(201);
    const offer: OfferView = await danaInbox.offerFor(res.body.leadId, 5000);
    expect((await dana.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    expect(samInbox.got.has(res.body.leadId)).toBe(false);
    expect(await owner(res.body.leadId)).toBe(ids.dana);
  });

  it('takes a rep who disconnects from B out of routing on A, and offers her the waiting lead when she comes back on C', async () => {
    // Dana's console closes while she is available (her choice stays "available" in the database).
    dana.close();
    await presenceSeenBy(A, admin, { 'Dana Reyes': 'offline', 'Sam Okafor': 'away' });
    const res = await postCallback(A.url, callbackBody(cluster.siteKey, { name: 'Lou Later', phone: '+1 415 555 0102' }));
    expect(res.status).toBe(201);
    expect(res.body.status.state).toBe('no_rep');

    // Her console reconnects, this time through C: coming online there routes what waits. As the
    // console does, it re-syncs open offers on connecting, so one pushed during the handshake counts.
    const again = repSocket(C.url, await signIn(C.url, 'dana@demo.sixty'));
    sockets.push(again);
    const inbox = offerInbox(again);
    await connected(again);
    const sync = await again.emitWithAck('offers:sync');
    const offer = (sync.ok && sync.data.offers.find((o) => o.leadId === res.body.leadId)) || (await inbox.offerFor(res.body.leadId, 5000));
    expect((await again.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    expect(await owner(res.body.leadId)).toBe(ids.dana);
  });
});
