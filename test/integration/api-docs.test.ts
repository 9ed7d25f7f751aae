// The served API description against the real routes: it lists exactly the routes the app
// mounts, its request schemas accept and refuse what the routes accept and refuse (checked with
// an independent JSON Schema validator, Ajv), and what the routes answer matches its response
// schemas, which refuse unknown fields, so a field added on either side without the other fails here.
import { createECDH, randomBytes } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { API_ROUTES, NOT_API, type ApiRoute } from '../../server/api-docs/api-routes';
import type { JsonSchema, OpenApiDocument } from '../../server/api-docs/openapi';
import { BROWSER_UA, callbackBody, HOST_ORIGIN, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let doc: OpenApiDocument;
let admin: string;
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
// zod checks these formats with a pattern it also writes out (email, date-time) or with URL
// parsing (uri); Ajv is told the same.
ajv
  .addFormat('email', true)
  .addFormat('date-time', true)
  .addFormat('uri', (s: string) => URL.canParse(s));
const compiled = new Map<string, ValidateFunction>();

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  const res = await fetch(`${server.url}/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toMatch(/^public/);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(() => server?.stop());

/** The served document's schema for a route's request body or success answer. */
function validator(route: ApiRoute, part: 'request' | 'answer'): ValidateFunction {
  const op = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]![route.method.toLowerCase()]!;
  const schema =
    part === 'request'
      ? op.requestBody?.content['application/json'].schema
      : (op.responses[String(route.answer.status)]?.content?.['application/json']?.schema as { $ref: string } | undefined);
  if (!schema) throw new Error(`${route.method} ${route.path} documents no ${part} schema`);
  const name = schema.$ref.split('/').pop()!;
  const key = `${part}:${name}`;
  if (!compiled.has(key)) compiled.set(key, ajv.compile(doc.components.schemas[name] as JsonSchema));
  return compiled.get(key)!;
}

/** The table's route for a concrete request: segments match, `:param` matches any one. */
function routeOf(method: string, path: string): ApiRoute {
  const parts = path.split('?')[0]!.split('/');
  const matches = API_ROUTES.filter((r) => {
    const tpl = r.path.split('/');
    return r.method === method && tpl.length === parts.length && tpl.every((t, i) => t.startsWith(':') || t === parts[i]);
  });
  // A literal segment beats a parameter (`/routing-rules/order` before `/routing-rules/:ruleId`).
  matches.sort((a, b) => b.path.split('/').filter((t) => !t.startsWith(':')).length - a.path.split('/').filter((t) => !t.startsWith(':')).length);
  if (!matches[0]) throw new Error(`no documented route for ${method} ${path}`);
  return matches[0];
}

async function call(method: string, path: string, body?: unknown, as: 'admin' | 'visitor' = 'admin') {
  const headers: Record<string, string> =
    as === 'admin'
      ? { 'content-type': 'application/json', cookie: admin, origin: server.url }
      : { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA };
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
}

describe('GET /v1/openapi.json', () => {
  it('lists exactly the routes the app mounts (besides pages, files and the preflight)', () => {
    const mounted = new Set(
      createApp(server.deps)
        .routes.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    const documented = new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`));
    const other = new Set(NOT_API.map((r) => `${r.method} ${r.path}`));
    expect(
      [...mounted].filter((k) => !documented.has(k) && !other.has(k)),
      'mounted but not in server/api-docs/api-routes.ts',
    ).toEqual([]);
    expect(
      [...documented, ...other].filter((k) => !mounted.has(k)),
      'listed but not mounted',
    ).toEqual([]);
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`).sort());
  });

  it('says a webhook needs a kind, signed or slack, as the route does', async () => {
    const schema = doc.components.schemas.WebhookRequest as { required: string[]; properties: { kind: { enum: string[] } } };
    expect(schema.required).toContain('kind');
    expect(schema.properties.kind.enum).toEqual(['signed', 'slack']);
    const res = await call('POST', '/v1/console/webhooks', { url: 'https://example.com/hook', topics: ['*'] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['kind']);
  });
});

/** Bodies the served schema and the real route must agree on, each accepted or refused. */
const AGREEMENT: Array<{ what: string; method: string; path: () => string; body: () => unknown; as?: 'visitor' }> = [
  { what: 'a webhook without kind', method: 'POST', path: () => '/v1/console/webhooks', body: () => ({ url: 'https://example.com/hook', topics: ['*'] }) },
  {
    what: 'a webhook of an unknown kind',
    method: 'POST',
    path: () => '/v1/console/webhooks',
    body: () => ({ url: 'https://example.com/hook', kind: 'email', topics: ['*'] }),
  },
  { what: 'a webhook to no URL', method: 'POST', path: () => '/v1/console/webhooks', body: () => ({ url: 'not a url', kind: 'signed', topics: ['*'] }) },
  {
    what: 'a webhook with no topics',
    method: 'POST',
    path: () => '/v1/console/webhooks',
    body: () => ({ url: 'https://example.com/hook', kind: 'slack', topics: [] }),
  },
  {
    what: 'a good webhook',
    method: 'POST',
    path: () => '/v1/console/webhooks',
    body: () => ({ url: 'https://example.com/hook', kind: 'slack', topics: ['lead.outcome'] }),
  },
  {
    what: 'a callback without a name',
    method: 'POST',
    path: () => '/v1/callbacks',
    body: () => ({ ...callbackBody(server.siteKey), name: undefined }),
    as: 'visitor',
  },
  {
    what: 'a callback with a field nobody asked for',
    method: 'POST',
    path: () => '/v1/callbacks',
    body: () => callbackBody(server.siteKey, { company: 'Acme' }),
    as: 'visitor',
  },
  {
    what: 'a callback with a bad email',
    method: 'POST',
    path: () => '/v1/callbacks',
    body: () => callbackBody(server.siteKey, { email: 'pat@' }),
    as: 'visitor',
  },
  {
    what: 'a good callback',
    method: 'POST',
    path: () => '/v1/callbacks',
    body: () => callbackBody(server.siteKey, { phone: '+1 415 555 2699' }),
    as: 'visitor',
  },
  {
    what: 'events with a short visitor id',
    method: 'POST',
    path: () => '/v1/events',
    body: () => ({ siteKey: server.siteKey, visitorId: 'abc', events: [{ type: 'page_view', at: 1 }] }),
    as: 'visitor',
  },
  {
    what: 'an event of an unknown type',
    method: 'POST',
    path: () => '/v1/events',
    body: () => ({ siteKey: server.siteKey, visitorId: 'visitor-0001', events: [{ type: 'hover', at: 1 }] }),
    as: 'visitor',
  },
  {
    what: 'a good event batch',
    method: 'POST',
    path: () => '/v1/events',
    body: () => ({ siteKey: server.siteKey, visitorId: 'visitor-0001', events: [{ type: 'page_view', url: `${HOST_ORIGIN}/`, at: Date.now() }] }),
    as: 'visitor',
  },
  {
    what: 'an invite with an unknown role',
    method: 'POST',
    path: () => '/v1/console/users/invites',
    body: () => ({ email: 'new@example.com', name: 'New', role: 'owner' }),
  },
  { what: 'a team without hours', method: 'POST', path: () => '/v1/console/teams', body: () => ({ name: 'Night shift' }) },
  { what: 'rule order that is not a list', method: 'PUT', path: () => `/v1/console/sites/${siteId}/routing-rules/order`, body: () => ({ ruleIds: 'all' }) },
  {
    what: 'a routing condition on an unknown field',
    method: 'POST',
    path: () => `/v1/console/sites/${siteId}/routing-rules`,
    body: () => ({ name: 'Sunny', conditions: [{ field: 'weather', op: 'in', values: ['sun'] }], teamId: 'team', strategy: 'round_robin' }),
  },
  {
    what: 'appearance with a colour name',
    method: 'PUT',
    path: () => `/v1/console/sites/${siteId}/appearance`,
    body: () => ({ accentColor: 'teal', position: 'left', zIndex: 10000, texts: {} }),
  },
];

let siteId = '';

describe('the served request schemas accept and refuse what the routes do', () => {
  beforeAll(async () => {
    siteId = (await call('GET', '/v1/console/sites')).body[0].id;
  });

  it.each(AGREEMENT)('$what', async ({ method, path, body, as }) => {
    const route = routeOf(method, path());
    const validate = validator(route, 'request');
    const sent = body();
    const docAccepts = validate(JSON.parse(JSON.stringify(sent)));
    const res = await call(method, path(), sent, as);
    expect(res.status === 400, `route answered ${res.status} ${JSON.stringify(res.body)}; schema errors ${JSON.stringify(validate.errors)}`).toBe(!docAccepts);
    if (res.status === 400) {
      // The field the route names is the one the schema faults.
      const faulted = (validate.errors ?? []).map((e) =>
        [
          ...e.instancePath.split('/').filter(Boolean),
          ...((e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty
            ? [(e.params as { missingProperty: string }).missingProperty]
            : []),
          ...((e.params as { additionalProperty?: string }).additionalProperty ? [(e.params as { additionalProperty: string }).additionalProperty] : []),
        ].join('.'),
      );
      expect(faulted).toEqual(expect.arrayContaining([Object.keys(res.body.error.fields)[0]]));
    }
  });
});

describe('what the routes answer matches the served response schemas', () => {
  it('for every kind of answer a client can get here', async () => {
    const seen = new Set<ApiRoute>();
    const check = async (method: string, path: string, body?: unknown, as?: 'visitor') => {
      const route = routeOf(method, path);
      const res = await call(method, path, body, as);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(route.answer.status === 201 && res.status === 200 ? 200 : route.answer.status);
      const validate = validator(route, 'answer');
      expect(validate(res.body), `${method} ${path}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body).slice(0, 2000)}`).toBe(true);
      seen.add(route);
      return res.body;
    };
    await check('GET', '/healthz');
    await check('GET', '/v1/console/setup');
    await check('GET', `/v1/sites/${server.siteKey}/config`, undefined, 'visitor');
    const callback = await check('POST', '/v1/callbacks', callbackBody(server.siteKey, { phone: '+1 415 555 2688' }), 'visitor');
    await check(
      'POST',
      '/v1/events',
      { siteKey: server.siteKey, visitorId: 'visitor-0002', events: [{ type: 'page_view', url: `${HOST_ORIGIN}/pricing`, at: Date.now() }] },
      'visitor',
    );
    await check('GET', '/v1/console/me');
    await check('GET', `/v1/console/leads/${callback.leadId}`);
    await check('POST', `/v1/console/leads/${callback.leadId}/notes`, { text: 'Asked for a quote' });
    await check('GET', '/v1/console/leads/mine');
    await check('GET', '/v1/console/leads/warm');
    await check('GET', '/v1/console/follow-ups');
    await check('GET', '/v1/console/upcoming');
    const users = await check('GET', '/v1/console/users');
    const invite = await check('POST', '/v1/console/users/invites', { email: 'invitee@example.com', name: 'Invitee', role: 'rep' });
    await check('GET', '/v1/console/users/invites');
    await check('GET', `/v1/console/invites/${invite.link.split('/').pop()}`);
    await check('POST', `/v1/console/users/${users.find((u: { role: string }) => u.role === 'rep').id}/password-reset`);
    const sites = await check('GET', '/v1/console/sites');
    const site = sites[0];
    await check('PUT', `/v1/console/sites/${site.id}/appearance`, site.appearance);
    await check('PUT', `/v1/console/sites/${site.id}`, {
      name: site.name,
      allowedOrigins: site.allowedOrigins,
      phoneRegion: site.phoneRegion,
      offerTimeoutMs: site.offerTimeoutMs,
    });
    const settings = await check('GET', `/v1/sites/${site.id}/settings`);
    await check('PUT', `/v1/sites/${site.id}/settings`, settings);
    const rules = await check('GET', `/v1/sites/${site.id}/rules`);
    await check('POST', `/v1/sites/${site.id}/rules`, rules.current);
    const routing = await check('GET', `/v1/console/sites/${site.id}/routing`);
    await check('PUT', `/v1/console/sites/${site.id}/routing`, routing);
    await check('GET', '/v1/console/feed');
    await check('POST', '/v1/console/feed');
    const booking = await check('GET', `/v1/console/sites/${site.id}/booking`);
    await check('PUT', `/v1/console/sites/${site.id}/booking`, booking);
    const ruleList = await check('GET', `/v1/console/sites/${site.id}/routing-rules`);
    const { id: _id, position: _position, unreachable: _unreachable, ...rule } = ruleList[0];
    await check('PUT', `/v1/console/sites/${site.id}/routing-rules/${ruleList[0].id}`, rule);
    await check('PUT', `/v1/console/sites/${site.id}/routing-rules/order`, { ruleIds: ruleList.map((r: { id: string }) => r.id) });
    const teams = await check('GET', '/v1/console/teams');
    await check('PUT', `/v1/console/teams/${teams[0].id}/members`, {
      members: teams[0].members.map((m: { repId: string; weight: number }) => ({ repId: m.repId, weight: m.weight })),
    });
    const reps = await check('GET', '/v1/console/reps');
    await check('PUT', `/v1/console/reps/${reps[0].id}`, { offerCapacity: reps[0].offerCapacity });
    await check('GET', '/v1/console/account-owners');
    await check('PUT', '/v1/console/account-owners', { owners: [{ domain: '@Example.com', repId: reps[0].id }] });
    await check('POST', '/v1/console/webhooks', { url: 'https://example.com/hook', kind: 'signed', topics: ['*'] });
    await check('GET', '/v1/console/webhooks');
    await check('GET', '/v1/console/workspace');
    await check('PUT', '/v1/console/workspace', { currency: 'USD' });
    await check('POST', '/v1/console/api-keys', { name: 'CRM' });
    await check('GET', '/v1/console/api-keys');
    await check('GET', '/v1/console/calendar');
    await check('GET', '/v1/console/push/key');
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const keys = { p256dh: browserKey.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
    await check('POST', '/v1/console/devices', { name: 'Phone', subscription: { endpoint: 'https://push.example.com/send/1', keys } });
    await check('GET', '/v1/console/devices');
    await check('POST', '/v1/console/erasures', { email: 'nobody@example.com' });
    const form = {
      key: 'quote',
      name: 'Quote',
      page: `${HOST_ORIGIN}/quote`,
      fields: [
        { name: 'phone', label: 'Phone', type: 'tel' },
        { name: 'size', label: 'Company size', type: 'select', options: [{ value: 's', label: '1-10' }] },
      ],
    };
    await check('POST', '/v1/forms/seen', { siteKey: server.siteKey, form }, 'visitor');
    const forms = await check('GET', `/v1/console/sites/${site.id}/forms`);
    const mapped = await check('PUT', `/v1/console/sites/${site.id}/forms/quote/mapping`, forms.forms[0].suggested);
    // The mapping went into a rules draft: read once published.
    await check('POST', `/v1/sites/${site.id}/rules/${mapped.draft.version}/publish`);
    await check('POST', '/v1/forms/submissions', { siteKey: server.siteKey, formKey: 'quote', fields: { phone: '+1 415 555 2699', size: 's' } }, 'visitor');
    const test = await check('POST', `/v1/console/sites/${site.id}/forms/quote/tests`);
    await check('GET', `/v1/console/sites/${site.id}/forms/quote/tests/${test.testId}`);
    await check('POST', `/v1/console/sites/${site.id}/rotate-key`);
    // Every documented answer schema is checked against a real answer, but for routes that need
    // a state this walk does not make (listed, so a new one is not skipped silently).
    const needState = [
      'POST /v1/callbacks/:leadId/slot',
      'POST /v1/console/setup',
      'POST /v1/console/session',
      'POST /v1/console/invites/:token/accept',
      'POST /v1/console/password-resets/:token',
      'POST /v1/console/leads/:id/claim',
      'POST /v1/console/leads/:id/call',
      'POST /v1/console/leads/:id/outcome',
      'POST /v1/console/leads/:id/reassign',
      'POST /v1/console/leads/:id/offer',
      'POST /v1/console/sites',
      'POST /v1/sites/:siteId/rules/:version/publish',
      'POST /v1/console/sites/:siteId/routing-rules',
      'POST /v1/console/teams',
      'PUT /v1/console/teams/:id',
      'POST /v1/console/webhooks/deliveries/:id/replay',
      // An API key and a lead in a deal stage: test/integration/crm-outcomes.test.ts parses its answers with the same schema.
      'PATCH /v1/leads/:id/outcome',
      // These need a CalDAV server: test/integration/calendar-caldav.test.ts parses their answers with the same schemas.
      'POST /v1/console/calendar/discover',
      'PUT /v1/console/calendar',
      'POST /v1/console/calendar/test',
      // A token from an offer's push: test/integration/web-push.test.ts parses its answers with the same schema.
      'POST /v1/push/action',
    ];
    const unchecked = API_ROUTES.filter((r) => r.answer.body && !seen.has(r)).map((r) => `${r.method} ${r.path}`);
    expect(unchecked.filter((k) => !needState.includes(k))).toEqual([]);
  });
});
