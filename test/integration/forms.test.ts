// The site's own forms over HTTP: a form seen is listed with a suggested mapping, the marketer's
// mapping is checked and reaches the widget's config, and a mapped submission becomes a lead
// with answers through the callback's capture path, with its raw values stored nowhere.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, connected, HOST_ORIGIN, repSocket, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
let siteId: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  siteId = (await console_('')).body[0].id;
});
afterAll(() => server.stop());

async function console_(path: string, init: RequestInit = {}, cookie = admin) {
  const res = await fetch(`${server.url}/v1/console/sites${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
  return { status: res.status, body: (await res.json()) as any };
}

async function rules(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}/v1/sites/${siteId}/rules${path}`, { ...init, headers: { 'content-type': 'application/json', cookie: admin } });
  return { status: res.status, body: (await res.json()) as any };
}

/** The marketer saves a mapping (a new rules draft) and publishes that draft, as Sites › Forms does. */
async function mapAndPublish(formKey: string, mapping: unknown) {
  const saved = await console_(`/${siteId}/forms/${formKey}/mapping`, { method: 'PUT', body: JSON.stringify(mapping) });
  expect(saved.status).toBe(200);
  expect(saved.body.draft.mapping).toEqual(mapping);
  expect((await rules(`/${saved.body.draft.version}/publish`, { method: 'POST' })).status).toBe(200);
  return saved.body.draft.version as number;
}

async function widgetConfig() {
  return (await (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: HOST_ORIGIN } })).json()) as any;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const QUOTE_FORM = {
  key: 'quote-form',
  name: 'quote-form',
  page: `${HOST_ORIGIN}/quote`,
  fields: [
    { name: 'full_name', label: 'Your name', type: 'text' },
    { name: 'phone', label: 'Phone', type: 'tel' },
    { name: 'email', label: 'Work email', type: 'email' },
    {
      name: 'company_size',
      label: 'Company size',
      type: 'select',
      options: [
        { value: '', label: 'Please select' },
        { value: 'a', label: '1-10' },
        { value: 'b', label: '11-50' },
        { value: 'c', label: '51-200' },
        { value: 'd', label: '200+' },
      ],
    },
    { name: 'work', label: 'What kind of projects do you do?', type: 'text' },
    {
      name: 'buyer',
      label: 'Your role',
      type: 'radio',
      options: [
        { value: 'yes', label: 'I decide or sign off on purchases' },
        { value: 'student', label: 'Student' },
      ],
    },
    { name: 'message', label: 'Message', type: 'textarea' },
  ],
};

describe('forms seen and their mapping', () => {
  it('lists a form seen on the site with its shape, counts and a suggested mapping', async () => {
    expect((await post('/v1/forms/seen', { siteKey: server.siteKey, form: QUOTE_FORM })).body).toEqual({ recorded: true });
    expect((await post('/v1/forms/seen', { siteKey: server.siteKey, form: QUOTE_FORM })).body).toEqual({ recorded: true });
    const { status, body } = await console_(`/${siteId}/forms`);
    expect(status).toBe(200);
    const form = body.forms.find((f: any) => f.key === 'quote-form');
    expect(form).toMatchObject({ name: 'quote-form', page: `${HOST_ORIGIN}/quote`, submissions: 2, numbers: { leads: 0 }, mapping: null });
    expect(form.suggested.fields).toMatchObject({
      full_name: { kind: 'trait', trait: 'name' },
      phone: { kind: 'trait', trait: 'phone' },
      email: { kind: 'trait', trait: 'email' },
      company_size: { kind: 'question', questionId: 'size', options: { a: '1-10', b: '11-50', c: '51-200', d: '201+' } },
      work: { kind: 'question', questionId: 'projects' },
      buyer: { kind: 'question', questionId: 'role', options: { yes: 'decision', student: 'student' } },
      message: { kind: 'ignore' },
    });
  });

  it('keeps nothing under Global Privacy Control, and refuses a page of another origin', async () => {
    const gpc = await post('/v1/forms/seen', { siteKey: server.siteKey, form: { ...QUOTE_FORM, key: 'gpc-form' } }, { 'sec-gpc': '1' });
    expect(gpc.body).toEqual({ recorded: false });
    expect((await post('/v1/forms/seen', { siteKey: server.siteKey, form: QUOTE_FORM }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await console_(`/${siteId}/forms`)).body.forms.map((f: any) => f.key)).not.toContain('gpc-form');
  });

  it('refuses a mapping that does not fit the form or the questions, naming the field', async () => {
    const bad = await console_(`/${siteId}/forms/quote-form/mapping`, {
      method: 'PUT',
      body: JSON.stringify({
        action: 'offer',
        fields: { nope: { kind: 'trait', trait: 'email' }, company_size: { kind: 'question', questionId: 'size', options: { a: 'castles' } } },
      }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['fields.company_size', 'fields.nope']);
    const rep = await console_(`/${siteId}/forms`, {}, await signIn(server.url, 'sam@demo.sixty'));
    expect(rep.status).toBe(403);
  });
});

describe('a mapped submission', () => {
  it('reaches the widget config (field names only) and becomes a hot lead with answers, noted with its form', async () => {
    const list = (await console_(`/${siteId}/forms`)).body;
    const suggested = list.forms.find((f: any) => f.key === 'quote-form').suggested;
    // The marketer confirms the suggestion, adding a rule for the free-text projects field.
    const mapping = {
      ...suggested,
      fields: {
        ...suggested.fields,
        work: { kind: 'question', questionId: 'projects', rules: [{ op: 'contains', text: 'commercial', answer: 'commercial' }] },
      },
    };
    // Saved, it is a draft of the site's rules: the widget reads nothing with it yet.
    const saved = await console_(`/${siteId}/forms/quote-form/mapping`, { method: 'PUT', body: JSON.stringify(mapping) });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ mapping: null, draft: { mapping } });
    expect((await widgetConfig()).forms).toEqual([]);
    const early = await post('/v1/forms/submissions', { siteKey: server.siteKey, formKey: 'quote-form', fields: { phone: '+1 415 555 0100' } });
    expect(early.status).toBe(404);
    // The draft is a rules version like any other, listed with the mapping in it.
    const versions = (await rules('')).body.versions;
    const draft = versions.find((v: any) => v.version === saved.body.draft.version);
    expect(draft).toMatchObject({ status: 'draft', rules: { forms: { 'quote-form': mapping } } });
    // Published, it is the live mapping and reaches the widget's config.
    expect((await rules(`/${draft.version}/publish`, { method: 'POST' })).status).toBe(200);
    const listed = (await console_(`/${siteId}/forms`)).body;
    expect(listed).toMatchObject({ liveVersion: draft.version, draftVersion: null });
    expect(listed.forms.find((f: any) => f.key === 'quote-form')).toMatchObject({ mapping, draft: null });

    const config = await widgetConfig();
    expect(config.forms).toEqual([
      { key: 'quote-form', read: ['full_name', 'phone', 'email', 'company_size', 'work', 'buyer'], action: 'offer', phone: 'phone' },
    ]);

    const body = {
      siteKey: server.siteKey,
      formKey: 'quote-form',
      pageUrl: `${HOST_ORIGIN}/quote`,
      fields: {
        full_name: 'Robin Form',
        phone: '+1 415 555 0142',
        email: 'robin@acme.test',
        company_size: 'c',
        work: 'Commercial kitchens, mostly',
        buyer: 'yes',
      },
      tts: 9000,
    };
    const res = await post('/v1/forms/submissions?idempotencyKey=form-key-0001', body);
    expect(res.status).toBe(201);
    expect(res.body.visitorToken.startsWith(`${res.body.leadId}.`)).toBe(true);
    const [lead] = await rows<{ name: string; phone: string; stage: string; answers: string; email: string }>(
      server,
      'select name, phone, stage, answers, email from leads where id = ?',
      res.body.leadId,
    );
    expect(lead).toMatchObject({ name: 'Robin Form', phone: '+14155550142', stage: 'hot', email: 'robin@acme.test' });
    expect(JSON.parse(lead!.answers)).toEqual({ size: '51-200', projects: 'commercial', role: 'decision' });
    // The lead's first line names the form; the resend below joins it without a second line.
    const notes = await rows<{ text: string }>(server, "select text from lead_events where lead_id = ? and kind in ('form', 'captured')", res.body.leadId);
    expect(notes).toEqual([{ text: `Asked for a callback with the site's form "quote-form" on ${HOST_ORIGIN}/quote` }]);

    // The thank-you page resends under the same key: the same lead, not a second one.
    const again = await post('/v1/forms/submissions?idempotencyKey=form-key-0001', body);
    expect(again.status).toBe(200);
    expect(again.body.leadId).toBe(res.body.leadId);
    expect((await console_(`/${siteId}/forms`)).body.forms.find((f: any) => f.key === 'quote-form').numbers).toEqual({
      // The replay under the same key is the same submission, not a second one.
      submissions: 1,
      leads: 1,
      mql: 1,
      hot: 1,
      // No rep is signed in: the hot lead waits, unoffered.
      routed: 0,
      accepted: 0,
      medianAcceptMs: null,
    });
    // The raw text typed into the free-text field is stored nowhere, only its answer.
    expect(readFileSync(server.deps.config.dbPath).includes('Commercial kitchens')).toBe(false);
  });

  it('a disqualifying answer makes a lead that is never routed', async () => {
    const res = await post('/v1/forms/submissions', {
      siteKey: server.siteKey,
      formKey: 'quote-form',
      fields: { full_name: 'Stu Dent', phone: '+1 415 555 0177', company_size: 'a', work: 'commercial', buyer: 'student' },
      tts: 9000,
    });
    expect(res.status).toBe(201);
    // The visitor is told courteously (as a disqualified callback is), and nobody is offered it.
    expect(res.body.status.state).toBe('ended');
    const [lead] = await rows<{ stage: string; routing: string }>(server, 'select stage, routing from leads where id = ?', res.body.leadId);
    expect(lead).toEqual({ stage: 'suspect', routing: 'closed' });
  });

  it('a form set to "only record it" makes a qualified lead that is never offered', async () => {
    const { forms } = (await console_(`/${siteId}/forms`)).body;
    const mapping = { ...forms.find((f: any) => f.key === 'quote-form').mapping, action: 'record' };
    await mapAndPublish('quote-form', mapping);
    const config = await widgetConfig();
    expect(config.forms[0].action).toBe('record');
    const res = await post('/v1/forms/submissions', {
      siteKey: server.siteKey,
      formKey: 'quote-form',
      fields: { full_name: 'Rae Record', phone: '+1 415 555 0188', company_size: 'c', work: 'commercial', buyer: 'yes' },
      tts: 9000,
    });
    expect(res.status).toBe(201);
    const [lead] = await rows<{ id: string; fit: string; routing: string; hot: number }>(
      server,
      'select id, fit, routing, hot from leads where id = ?',
      res.body.leadId,
    );
    expect(lead).toMatchObject({ fit: 'passes', routing: 'closed', hot: 0 });
    expect(await rows(server, 'select id from offers where lead_id = ?', res.body.leadId)).toEqual([]);
    mapping.action = 'offer';
    await mapAndPublish('quote-form', mapping);
  });

  it('a form set to "book a slot" offers its visitor callback times, routes to nobody, and books through the slot path', async () => {
    const { forms } = (await console_(`/${siteId}/forms`)).body;
    const mapping = { ...forms.find((f: any) => f.key === 'quote-form').mapping, action: 'book' };
    await mapAndPublish('quote-form', mapping);
    expect((await widgetConfig()).forms[0].action).toBe('book');
    // A rep is online and available: a hot "offer" submission would be offered to them.
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const rep = repSocket(server.url, cookie);
    await connected(rep);
    try {
      await rep.emitWithAck('presence:set', 'available');
      const res = await post('/v1/forms/submissions', {
        siteKey: server.siteKey,
        formKey: 'quote-form',
        fields: { full_name: 'Bo Booker', phone: '+1 415 555 0199', company_size: 'c', work: 'commercial', buyer: 'yes' },
        tts: 9000,
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toMatchObject({ state: 'no_rep', why: 'book' });
      expect(res.body.status.slots.length).toBeGreaterThan(0);
      const [lead] = await rows<{ stage: string; routing: string; queueReason: string; slaDueAt: number | null }>(
        server,
        'select stage, routing, queue_reason as queueReason, sla_due_at as slaDueAt from leads where id = ?',
        res.body.leadId,
      );
      expect(lead).toEqual({ stage: 'hot', routing: 'waiting', queueReason: 'visitor_books', slaDueAt: null });
      // The visitor picks a time through the widget's own booking path; nobody was offered the lead.
      const slot = res.body.status.slots[1];
      const booked = await post(`/v1/callbacks/${res.body.leadId}/slot`, { token: res.body.visitorToken, slot });
      expect(booked.status).toBe(200);
      expect(booked.body.status).toMatchObject({ state: 'scheduled', slot, meeting: { repName: expect.any(String) } });
      expect(await rows(server, 'select id from offers where lead_id = ?', res.body.leadId)).toEqual([]);
    } finally {
      rep.close();
    }
    mapping.action = 'offer';
    await mapAndPublish('quote-form', mapping);
  });

  it('asks for a phone number when the form gave none, and refuses a form that is not mapped', async () => {
    const noPhone = await post('/v1/forms/submissions', { siteKey: server.siteKey, formKey: 'quote-form', fields: { full_name: 'No Phone' } });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields).toHaveProperty('phone');
    const unmapped = await post('/v1/forms/submissions', { siteKey: server.siteKey, formKey: 'other', fields: { phone: '+1 415 555 0142' } });
    expect(unmapped.status).toBe(404);
    expect(unmapped.body.error.code).toBe('unknown_form');
  });
});

describe('the rules backtest over the stored submissions', () => {
  it('re-decides each stored submission from its answers with the draft, per form, without changing anything', async () => {
    const live = (await rules('')).body.current;
    // Robin, Rae and Bo answered 51-200 employees; Stu is a student (suspect).
    const expected = { submissions: 4, read: 4, mql: 3, hot: 3, disqualified: 1, offered: 3, booking: 0 };
    const size = live.questions.find((q: any) => q.id === 'size');
    const ruledOut = {
      ...live,
      questions: live.questions.map((q: any) =>
        q === size ? { ...q, options: q.options.map((o: any) => (o.value === '51-200' ? { ...o, disqualify: { reason: 'Too big for us' } } : o)) } : q,
      ),
    };
    const a = await rules('/backtest', { method: 'POST', body: JSON.stringify(ruledOut) });
    expect(a.status).toBe(200);
    expect(a.body.forms.current).toEqual(expected);
    expect(a.body.forms.draft).toEqual({ ...expected, mql: 0, hot: 0, disqualified: 4, offered: 0 });
    expect(a.body.forms.byForm).toEqual([{ formKey: 'quote-form', current: expected, draft: a.body.forms.draft }]);

    // The draft maps the form to "book a slot" and stops reading its size field: without that
    // answer the must-have is unknown, so nobody is hot.
    const mapping = live.forms['quote-form'];
    const unread = { ...live, forms: { 'quote-form': { ...mapping, action: 'book', fields: { ...mapping.fields, company_size: { kind: 'ignore' } } } } };
    expect((await rules('/backtest', { method: 'POST', body: JSON.stringify(unread) })).body.forms.draft).toEqual({ ...expected, mql: 0, hot: 0, offered: 0 });
    const booking = { ...live, forms: { 'quote-form': { ...mapping, action: 'book' } } };
    expect((await rules('/backtest', { method: 'POST', body: JSON.stringify(booking) })).body.forms.draft).toEqual({ ...expected, offered: 0, booking: 3 });
    // A draft that maps no form reads none of them.
    const { forms: _none, ...unmapped } = live;
    expect((await rules('/backtest', { method: 'POST', body: JSON.stringify(unmapped) })).body.forms.draft).toMatchObject({ submissions: 4, read: 0, hot: 0 });
    // The answers were stored with each submission, never the raw values.
    const stored = await rows<{ answers: string }>(server, 'select answers from form_submissions order by id');
    expect(stored.map((r) => JSON.parse(r.answers))).toContainEqual({ size: '51-200', projects: 'commercial', role: 'decision' });
  });
});

describe('erasure', () => {
  it("removes a person's form submissions with their lead", async () => {
    const [lead] = await rows<{ id: string }>(server, "select id from leads where email = 'robin@acme.test'");
    expect((await rows(server, 'select id from form_submissions where lead_id = ?', lead!.id)).length).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/v1/console/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ email: 'robin@acme.test' }),
    });
    expect(res.status).toBe(200);
    expect(await rows(server, 'select id from form_submissions where lead_id = ?', lead!.id)).toEqual([]);
  });
});
