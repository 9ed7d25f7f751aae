// kill -9 of one process of three: no lead it acknowledged is lost, the offers it had pending
// are expired once and re-offered by the survivors within the offer timeout plus 5 s, and
// callbacks streaming into every process while it dies are all kept when acknowledged.
import { afterEach, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { consoleCall, connectRep, offerInbox, presenceSeenBy, startCluster, type Cluster, type SixtyProcess } from '../helpers/cluster';
import { callbackBody, postCallback, signIn, type RepClient } from '../helpers/test-server';

const OFFER_TIMEOUT_MS = 3000;
/** The bound for pending offers of a dead process: the offer timeout plus 5 s. */
const TAKEOVER_MS = OFFER_TIMEOUT_MS + 5000;

let cluster: Cluster | undefined;
const sockets: RepClient[] = [];
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && cluster) console.error(cluster.logs());
  for (const s of sockets.splice(0)) s.close();
  await cluster?.stop();
  cluster = undefined;
});

async function leadsIn(c: Cluster, ids: string[]): Promise<Set<string>> {
  return new Set((await c.rows<{ id: string }>('select id from leads where id = any(?)', ids)).map((r) => r.id));
}

describe('kill -9 of one process', () => {
  it('keeps every lead it acknowledged, and its pending offers are expired and re-offered by the others within the offer timeout plus 5 s', async () => {
    cluster = await startCluster({ offerTimeoutMs: OFFER_TIMEOUT_MS });
    const [A, B, C] = cluster.nodes as [SixtyProcess, SixtyProcess, SixtyProcess];
    const admin = await signIn(A.url, 'admin@demo.sixty');
    const PENDING = 5;
    for (const { id } of await cluster.rows<{ id: string }>("select id from users where role = 'rep'"))
      expect((await consoleCall(A, admin, 'PUT', `/reps/${id}`, { offerCapacity: PENDING, leadCapacity: 50 })).status).toBe(200);

    // Dana works on B and gets every lead; Sam is on C but away for now.
    const dana = await connectRep(B, 'dana@demo.sixty', 'available');
    const sam = await connectRep(C, 'sam@demo.sixty', 'away');
    sockets.push(dana, sam);
    const danaInbox = offerInbox(dana);
    const samInbox = offerInbox(sam);
    await presenceSeenBy(B, admin, { 'Dana Reyes': 'available', 'Sam Okafor': 'away' });

    const leadIds: string[] = [];
    for (let i = 0; i < PENDING; i++) {
      const res = await postCallback(B.url, callbackBody(cluster.siteKey, { name: `Pending ${i}`, phone: `+1 415 555 01${String(i).padStart(2, '0')}` }));
      expect(res.status).toBe(201);
      leadIds.push(res.body.leadId);
    }
    const pending: OfferView[] = await Promise.all(leadIds.map((id) => danaInbox.offerFor(id, 5000)));

    const killedAt = Date.now();
    await B.kill('SIGKILL');
    // Sam takes over on C; Dana's console is gone with B.
    expect((await sam.emitWithAck('presence:set', 'available')).ok).toBe(true);
    // Each re-offer is accepted the moment it arrives: they carry the same 3 s timeout and arrive
    // up to about a second apart, so accepting them all after the slowest could find the first
    // ones expired already (and Sam set away after missing two).
    const reoffers = await Promise.all(
      pending.map(async (old) => {
        const next = await samInbox.offerFor(old.leadId, TAKEOVER_MS + 2000, old.offerId);
        const afterMs = Date.now() - killedAt;
        const accepted = await sam.emitWithAck('offer:accept', { offerId: next.offerId });
        return { old, next, afterMs, accepted: accepted.ok ? 'ok' : accepted.error };
      }),
    );
    const slowest = Math.max(...reoffers.map((r) => r.afterMs));
    console.log(`pending offers of the killed process re-offered ${reoffers.map((r) => r.afterMs).join(', ')} ms after the kill`);
    expect(slowest).toBeLessThan(TAKEOVER_MS);
    expect(reoffers.map((r) => [r.old.leadId, r.accepted])).toEqual(leadIds.map((id) => [id, 'ok']));

    // In the database: every acknowledged lead; each old offer expired; each lead owned by Sam
    // through exactly one accepted offer (the re-offer he was sent), every other offer expired.
    expect([...(await leadsIn(cluster, leadIds))].sort()).toEqual([...leadIds].sort());
    const old = await cluster.rows<{ status: string }>(
      'select status from offers where id = any(?)',
      pending.map((o) => o.offerId),
    );
    expect(old.map((o) => o.status)).toEqual(pending.map(() => 'expired'));
    const [{ id: samId }] = (await cluster.rows<{ id: string }>("select id from users where email = 'sam@demo.sixty'")) as [{ id: string }];
    const offers = await cluster.rows<{ id: string; lead: string; rep: string; status: string }>(
      'select id, lead_id as lead, rep_id as rep, status from offers where lead_id = any(?)',
      leadIds,
    );
    for (const { old: o, next } of reoffers) {
      const mine = offers.filter((r) => r.lead === o.leadId);
      expect(mine.filter((r) => r.status === 'accepted')).toEqual([{ id: next.offerId, lead: o.leadId, rep: samId, status: 'accepted' }]);
      expect(mine.filter((r) => r.status !== 'accepted').map((r) => r.status)).toEqual(mine.filter((r) => r.status !== 'accepted').map(() => 'expired'));
    }
    const owners = await cluster.rows<{ owner: string }>('select owner_id as owner from leads where id = any(?)', leadIds);
    expect(owners.map((r) => r.owner)).toEqual(leadIds.map(() => samId));
  }, 120_000);

  it('keeps every callback acknowledged while it dies, on it and on the others; retries anywhere create no duplicates; it restarts into the cluster', async () => {
    cluster = await startCluster({ offerTimeoutMs: 60_000 });
    const c = cluster;
    const [A, B, C] = c.nodes as [SixtyProcess, SixtyProcess, SixtyProcess];
    const phone = (i: number) => `+1 415 555 01${String(i % 100).padStart(2, '0')}`;

    const acked = new Map<string, string>(); // idempotency key -> lead id
    const sent = new Map<string, SixtyProcess>(); // key -> where it went first
    const refused: string[] = []; // non-201 answers from the processes that stay up
    let killed = false;
    let stopAt = Infinity;
    let n = 0;
    /** One sender: callbacks back to back to one process until told to stop. */
    const stream = async (node: SixtyProcess) => {
      while (Date.now() < stopAt) {
        const i = n++;
        const key = `cluster-crash-${i}`;
        sent.set(key, node);
        try {
          const res = await postCallback(node.url, callbackBody(c.siteKey, { name: `Streamed ${i}`, phone: phone(i) }), { key });
          if (res.status === 201) acked.set(key, res.body.leadId);
          else if (node !== B || !killed) refused.push(`${node.name} ${res.status} ${JSON.stringify(res.body)}`);
        } catch (err) {
          // A connection to B dies with it: that request was never acknowledged.
          if (node !== B) refused.push(`${node.name} ${(err as Error).message}`);
          if (node === B && killed) return;
        }
      }
    };
    // Four senders into B, two into each survivor, all at once; B dies once it has acknowledged
    // ten (routing decisions of one workspace take turns, so this is time-independent).
    const senders = [B, B, B, B, A, A, C, C].map(stream);
    const ackedOnB = () => [...acked.keys()].filter((key) => sent.get(key) === B).length;
    for (let waited = 0; ackedOnB() < 10 && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await B.kill('SIGKILL');
    stopAt = Date.now() + 500;
    await Promise.all(senders);

    expect(ackedOnB()).toBeGreaterThanOrEqual(10);
    expect(refused).toEqual([]);
    // Every acknowledged lead, wherever it was sent, is in the database.
    const present = await leadsIn(c, [...acked.values()]);
    expect([...acked.values()].filter((id) => !present.has(id))).toEqual([]);

    // Retrying every request with its key, on A: the acknowledged ones come back as they were,
    // and the rest (lost with B, committed or not) make at most one lead each.
    const before = (await c.rows<{ n: number }>('select count(*) as n from leads'))[0]!.n;
    let created = 0;
    for (const [key] of sent) {
      const i = Number(key.split('-').pop());
      const res = await postCallback(A.url, callbackBody(c.siteKey, { name: `Streamed ${i}`, phone: phone(i) }), { key });
      if (acked.has(key)) expect([key, res.status, res.body.leadId]).toEqual([key, 200, acked.get(key)]);
      else if (res.status === 201) created++;
      else expect([key, res.status]).toEqual([key, 200]);
    }
    expect((await c.rows<{ n: number }>('select count(*) as n from leads'))[0]!.n).toBe(before + created);

    // B comes back on the same port and database and takes callbacks again.
    await B.restart();
    expect((await postCallback(B.url, callbackBody(c.siteKey, { phone: '+1 415 555 0199' }))).status).toBe(201);
  }, 120_000);
});
