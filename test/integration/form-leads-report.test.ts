// A lead from the site's own form says so wherever it is read: a real local webhook receiver gets
// the form (key, page) on the lead, a rep reading the lead card over the console API sees the form
// and page it came from with its mapped answers, and the reports API (Numbers) counts it per form,
// exactly as the Forms page does. A lead from the widget has no form.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { webhookEventSchema, webhookLeadSchema, type WebhookLead } from '../../shared/schemas/webhook-payload.schema';
import {
  BROWSER_UA,
  callbackBody,
  connected,
  HOST_ORIGIN,
  postCallback,
  repSocket,
  signIn,
  startTestServer,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: TestServer;
let admin: string;
let receiver: Server;
let siteId: string;
let dana: RepClient;
const received: unknown[] = [];

const PAGE = `${HOST_ORIGIN}/quote`;
const FORM = {
  key: 'quote',
  name: 'Quote',
  page: PAGE,
  fields: [
    { name: 'fullname', label: 'Your name', type: 'text', autocomplete: 'name' },
    { name: 'phone', label: 'Phone', type: 'tel' },
    { name: 'size', label: 'Company size', type: 'select', options: [{ value: 'm', label: '51-200' }] },
    {
      name: 'kind',
      label: 'What kind of projects do you do?',
      type: 'radio',
      options: [{ value: 'commercial', label: 'Commercial' }],
    },
    { name: 'role', label: 'Your role', type: 'radio', options: [{ value: 'buyer', label: 'I decide or sign off on purchases' }] },
  ],
};

const consoleApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: admin, origin: server.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const visitorPost = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startTestServer({ webhookTickMs: 50, fetchAllow: ['127.0.0.1'] });
  admin = await signIn(server.url, 'admin@demo.sixty');
  const user = (await server.deps.store.userByEmail('admin@demo.sixty'))!;
  siteId = (await server.deps.store.sitesOfWorkspace(user.workspaceId))[0]!.id;
  const hook = await consoleApi('POST', '/v1/console/webhooks', {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`,
    kind: 'signed',
    topics: ['offer.accepted'],
  });
  expect(hook.status).toBe(201);
  // The form is seen, then mapped as Sixty suggests and published.
  expect((await visitorPost('/v1/forms/seen', { siteKey: server.siteKey, form: FORM })).status).toBe(200);
  const forms = await consoleApi('GET', `/v1/console/sites/${siteId}/forms`);
  const saved = await consoleApi('PUT', `/v1/console/sites/${siteId}/forms/quote/mapping`, forms.body.forms[0].suggested);
  expect(saved.status).toBe(200);
  // The mapping is a rules draft until published: only published mappings are read.
  expect((await consoleApi('POST', `/v1/sites/${siteId}/rules/${saved.body.draft.version}/publish`)).status).toBe(200);
  dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  await connected(dana);
  await dana.emitWithAck('presence:set', 'available');
});
afterAll(async () => {
  dana?.close();
  await server?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

/** Offers Dana gets, in order. */
async function acceptNext(send: () => Promise<unknown>): Promise<OfferView> {
  const offered = new Promise<OfferView>((r) => dana.once('offer:new', r));
  await send();
  const offer = await offered;
  expect((await dana.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
  return offer;
}

/** The lead of the offer.accepted event the receiver got for `leadId` (parsed with the payload schema). */
const accepted = async (leadId: string): Promise<WebhookLead> => {
  const event = await waitFor(
    `offer.accepted for ${leadId}`,
    () => received.map((e) => webhookEventSchema.parse(e)).find((e) => e.topic === 'offer.accepted' && e.data.lead?.id === leadId),
    8000,
    25,
  );
  return webhookLeadSchema.parse(event.topic === 'offer.accepted' ? event.data.lead : null);
};

describe('a lead from the site’s own form reports its form', () => {
  it('in the webhook payload, on the lead card and in the numbers; a widget lead has no form', async () => {
    const form = await acceptNext(() =>
      visitorPost('/v1/forms/submissions?idempotencyKey=form-lead-report-01', {
        siteKey: server.siteKey,
        formKey: 'quote',
        pageUrl: PAGE,
        fields: { fullname: 'Fran Form', phone: '+1 415 555 2601', size: 'm', kind: 'commercial', role: 'buyer' },
      }),
    );
    const widget = await acceptNext(() => postCallback(server.url, callbackBody(server.siteKey, { name: 'Wid Get', phone: '+1 415 555 2602' })));

    // The CRM's receiver: the form lead names its form and page; the widget's lead names none.
    const fromForm = await accepted(form.leadId);
    expect(fromForm.form).toEqual({ key: 'quote', page: PAGE });
    expect(fromForm.answers.map((a) => a.answer)).toEqual(['Commercial', '51-200', 'I decide or sign off on purchases']);
    const fromWidget = await accepted(widget.leadId);
    expect(fromWidget.form).toBeNull();

    // The rep's lead card: the form and page it came from; the answers are the form's mapped ones.
    const card = (await consoleApi('GET', `/v1/console/leads/${form.leadId}`)).body;
    expect(card.forms).toEqual([{ key: 'quote', name: 'Quote', page: PAGE, at: expect.any(Number) }]);
    expect(card.answers.map((a: { answer: string }) => a.answer)).toEqual(['Commercial', '51-200', 'I decide or sign off on purchases']);
    expect((await consoleApi('GET', `/v1/console/leads/${widget.leadId}`)).body.forms).toEqual([]);

    // Numbers: the form's figures for the range, the same as the Forms page's (all time here).
    const report = (await consoleApi('GET', '/v1/console/reports')).body;
    expect(report.forms).toEqual([
      {
        siteId,
        siteName: expect.any(String),
        key: 'quote',
        name: 'Quote',
        numbers: { submissions: 1, leads: 1, mql: 1, hot: 1, routed: 1, accepted: 1, medianAcceptMs: expect.any(Number) },
      },
    ]);
    const page = (await consoleApi('GET', `/v1/console/sites/${siteId}/forms`)).body.forms[0];
    expect(page.numbers).toEqual(report.forms[0].numbers);
    // A range before the submission counts nothing for the form.
    const before = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const earlier = (await consoleApi('GET', `/v1/console/reports?to=${encodeURIComponent(before)}`)).body;
    expect(earlier.forms).toEqual([]);
  });
});
