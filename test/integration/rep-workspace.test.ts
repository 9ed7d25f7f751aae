// The rep workspace API: the full lead card, outcomes with the SQL questions, notes, follow-ups,
// "my leads" filters, the warm MQL list, and the supervisor's view, reassign and force-offer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadCard, OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
let danaCookie: string;
let dana: RepClient;
const offers: OfferView[] = [];
beforeAll(async () => {
  server = await startTestServer({ offerTimeoutMs: 20_000 });
  danaCookie = await signIn(server.url, 'dana@demo.sixty');
  dana = repSocket(server.url, danaCookie);
  dana.on('offer:new', (o) => offers.push(o));
  await connected(dana);
  await dana.emitWithAck('presence:set', 'available');
});
afterAll(async () => {
  dana.close();
  await server.stop();
});

async function api(path: string, cookie: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}/v1/console${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
}

let phoneSuffix = 10;

/**
 * A callback from a visitor who browsed first; Dana accepts it. Each from its own phone: a callback
 * from the phone of a nurtured lead would bring that lead back instead of making a new one.
 */
async function acceptedLead(visitorId: string, extra: Record<string, unknown> = {}): Promise<LeadCard> {
  await postEvents(server.url, {
    siteKey: server.siteKey,
    visitorId,
    events: [
      pageView('/', Date.now() - 9000),
      pageView('/pricing', Date.now() - 5000),
      { type: 'download', url: 'http://localhost:5999/guide.pdf', at: Date.now() },
    ],
    context: { referrer: 'https://search.example/', utm: { source: 'google', campaign: 'spring' }, returning: false },
  });
  const res = await postCallback(
    server.url,
    callbackBody(server.siteKey, { visitorId, timeZone: 'Europe/Berlin', phone: `+1 415 555 03${phoneSuffix++}`, ...extra }),
  );
  const offer = await waitFor(`the offer of lead ${res.body.leadId} (callback answered ${res.status})`, () => offers.find((o) => o.leadId === res.body.leadId));
  const ack = await dana.emitWithAck('offer:accept', { offerId: offer.offerId });
  if (!ack.ok) throw new Error(ack.error);
  return ack.data;
}

describe('the lead card', () => {
  it('shows where they came from, what they did, their local time zone and the SLA clock', async () => {
    const card = await acceptedLead('visitor_card_1');
    expect(card.timeZone).toBe('Europe/Berlin');
    expect(card.pageTrail!.map((e) => [e.type, e.url])).toEqual([
      ['page_view', 'http://localhost:5999/'],
      ['page_view', 'http://localhost:5999/pricing'],
      ['download', 'http://localhost:5999/guide.pdf'],
    ]);
    expect(card.source).toEqual({ referrer: 'https://search.example/', landingUrl: 'http://localhost:5999/', utm: { source: 'google', campaign: 'spring' } });
    expect(card.hotAt).toBeGreaterThan(0);
    expect(card.slaDueAt).toBe(card.hotAt! + 60_000);
    expect(card.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['captured', 'rule', 'offered', 'accepted']));
  });
});

describe('after the call', () => {
  it('needs the four qualification answers for SQL, then opportunity; notes are kept', async () => {
    const card = await acceptedLead('visitor_sql_1');
    const missing = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: 'sql' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('qualification');
    const partial = await api(`/leads/${card.id}/outcome`, danaCookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'sql', qualification: { needs: 'Two lines', currentSolution: '', decisionMaker: 'Yes', readyOrBudget: 'Q1' } }),
    });
    expect(partial.body.error.fields).toHaveProperty(['qualification.currentSolution']);
    const qualification = {
      needs: 'Two new kitchen lines',
      currentSolution: 'Leased gear',
      decisionMaker: 'Owner, on the call',
      readyOrBudget: '$40k this quarter',
    };
    const sql = await api(`/leads/${card.id}/outcome`, danaCookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'sql', qualification, notes: 'Wants a site visit' }),
    });
    expect(sql.status).toBe(200);
    expect(sql.body).toMatchObject({ stage: 'sql', qualificationAnswers: qualification });
    expect(sql.body.notes).toEqual([expect.objectContaining({ author: 'Dana Reyes', text: 'Wants a site visit' })]);
    const opp = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: 'opportunity' }) });
    expect(opp.body.stage).toBe('opportunity');
    const note = await api(`/leads/${card.id}/notes`, danaCookie, { method: 'POST', body: JSON.stringify({ text: 'Sent the quote' }) });
    expect(note.body.notes.map((n: { text: string }) => n.text)).toEqual(['Wants a site visit', 'Sent the quote']);
    const mine = await api('/leads/mine?stage=opportunity', danaCookie);
    expect(mine.body.map((l: { id: string }) => l.id)).toEqual([card.id]);
    expect((await api('/leads/mine?stage=galaxy', danaCookie)).status).toBe(400);
  });

  it('logs connected and SQL with its four answers in one save, both on the trail', async () => {
    const card = await acceptedLead('visitor_one_save_1');
    const qualification = { needs: 'A cold room', currentSolution: 'None', decisionMaker: 'Pat, on the call', readyOrBudget: 'This month' };
    const res = await api(`/leads/${card.id}/outcome`, danaCookie, {
      method: 'POST',
      body: JSON.stringify({ call: 'connected', outcome: 'sql', qualification }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'sql', outcome: 'sql', qualificationAnswers: qualification });
    expect(res.body.firstCallAt).toBeGreaterThan(0);
    const lines = (res.body.timeline as Array<{ kind: string; text: string }>).filter((t) => t.kind === 'outcome').map((t) => t.text);
    expect(lines).toEqual([
      'Connected',
      'Sales qualified (SQL): Need: A cold room; Current solution: None; Decision maker: Pat, on the call; Ready to move / budget: This month',
    ]);
    // Two call results in one save make no sense: the field says so.
    const two = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ call: 'connected', outcome: 'no_answer' }) });
    expect(two.status).toBe(400);
    expect(two.body.error.fields).toHaveProperty('call');
  });

  it('moves a SAL lead to opportunity for its owner; a move the stage rules forbid answers 409 naming the rule', async () => {
    const card = await acceptedLead('visitor_opp_1');
    expect(card.stage).toBe('sal');
    const opp = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: 'opportunity' }) });
    expect(opp.status).toBe(200);
    expect(opp.body.stage).toBe('opportunity');
    const back = await api(`/leads/${card.id}/outcome`, danaCookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'suspect', reason: 'Changed my mind' }),
    });
    expect(back.status).toBe(409);
    expect(back.body.error).toEqual({
      code: 'stage_rule',
      message: 'The stage rules do not allow OPPORTUNITY → SUSPECT. From OPPORTUNITY a lead can move to WON, LOST, NURTURE, DISQUALIFIED.',
    });
    expect((await api(`/leads/${card.id}`, danaCookie)).body.stage).toBe('opportunity');
  });

  it('refuses follow-up outcomes with 409 once the lead left the cadence', async () => {
    const card = await acceptedLead('visitor_cadence_1');
    for (let i = 0; i < 6; i++) {
      const r = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: i % 2 ? 'voicemail' : 'no_answer' }) });
      expect(r.status).toBe(200);
    }
    const after = await api(`/leads/${card.id}`, danaCookie);
    expect(after.body.stage).toBe('nurture');
    for (const outcome of ['no_answer', 'voicemail']) {
      const late = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome }) });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('left_cadence');
    }
    // Nothing was written: still six attempts and one return to nurture.
    const trail = (await api(`/leads/${card.id}`, danaCookie)).body.timeline as Array<{ kind: string }>;
    expect(trail.filter((t) => t.kind === 'outcome')).toHaveLength(6);
    expect(trail.filter((t) => t.kind === 'nurture')).toHaveLength(1);
  });

  it('schedules a follow-up after no answer, listed as a task and in "due" leads when due', async () => {
    const card = await acceptedLead('visitor_fu_1');
    await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: 'no_answer' }) });
    const tasks = (await api('/follow-ups', danaCookie)).body as Array<{ leadId: string; attempt: number; dueAt: number }>;
    expect(tasks.find((t) => t.leadId === card.id)).toMatchObject({ attempt: 2 });
    const row = (await api('/leads/mine', danaCookie)).body.find((l: { id: string }) => l.id === card.id);
    expect(row.nextFollowUpAt).toBe(tasks.find((t) => t.leadId === card.id)!.dueAt);
  });

  it('requires a reason for suspect', async () => {
    const card = await acceptedLead('visitor_sus_1');
    const bad = await api(`/leads/${card.id}/outcome`, danaCookie, { method: 'POST', body: JSON.stringify({ outcome: 'suspect' }) });
    expect(bad.body.error.fields).toHaveProperty('reason');
    const ok = await api(`/leads/${card.id}/outcome`, danaCookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'suspect', reason: 'Competitor fishing for prices' }),
    });
    expect(ok.body.stage).toBe('suspect');
  });
});

describe('the warm list and the supervisor', () => {
  it('lets a rep pull a warm MQL once', async () => {
    // Identified with passing answers and a score between the MQL and hot thresholds: warm.
    const identify = {
      type: 'identify',
      at: Date.now(),
      props: { name: 'Wendy Warm', phone: '+1 415 555 0166', projects: 'commercial', size: '11-50', role: 'evaluating' },
    };
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_warm_1', events: [identify, pageView('/pricing')] });
    const warm = (await api('/leads/warm', danaCookie)).body as Array<{ id: string; name: string }>;
    const wendy = warm.find((w) => w.name === 'Wendy Warm')!;
    expect(wendy?.name).toBe('Wendy Warm');
    const sam = await signIn(server.url, 'sam@demo.sixty');
    const [a, b] = await Promise.all([
      api(`/leads/${wendy.id}/claim`, danaCookie, { method: 'POST' }),
      api(`/leads/${wendy.id}/claim`, sam, { method: 'POST' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await api('/leads/warm', danaCookie)).body.some((w: { id: string }) => w.id === wendy.id)).toBe(false);
  });

  it('shows the supervisor reps, open offers and the queue; reassigns and force-offers', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    await dana.emitWithAck('presence:set', 'away');
    const waiting = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Quinn Queue' }));
    const view = (await api('/supervisor', admin)).body;
    expect(view.reps.find((r: { name: string }) => r.name === 'Dana Reyes')).toMatchObject({ presence: 'away' });
    expect(view.waiting.map((w: { name: string }) => w.name)).toContain('Quinn Queue');
    expect((await api('/supervisor', danaCookie)).status).toBe(403);

    const users = (await api('/users', admin)).body as Array<{ id: string; email: string }>;
    const danaId = users.find((u) => u.email === 'dana@demo.sixty')!.id;
    const samId = users.find((u) => u.email === 'sam@demo.sixty')!.id;
    const got = new Promise<OfferView>((resolve) => dana.once('offer:new', resolve));
    const forced = await api(`/leads/${waiting.body.leadId}/offer`, admin, { method: 'POST', body: JSON.stringify({ repId: danaId }) });
    expect(forced.status).toBe(201);
    const offer = await got;
    expect(offer.leadId).toBe(waiting.body.leadId);
    expect((await api('/supervisor', admin)).body.offers.map((o: { leadName: string }) => o.leadName)).toContain('Quinn Queue');
    await dana.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect((await api('/supervisor', admin)).body.active).toContainEqual(expect.objectContaining({ leadId: waiting.body.leadId, ownerName: 'Dana Reyes' }));
    const moved = await api(`/leads/${waiting.body.leadId}/reassign`, admin, { method: 'POST', body: JSON.stringify({ repId: samId }) });
    expect(moved.body.ownerName).toBe('Sam Okafor');
    expect((await api(`/leads/${waiting.body.leadId}/offer`, admin, { method: 'POST', body: JSON.stringify({ repId: danaId }) })).status).toBe(409);
  });
});
