// The OpenAPI 3.1 document of the HTTP API, built from the route table and the zod schemas it
// names (request bodies as zod accepts them, responses as the server sends them). Served at
// `GET /v1/openapi.json`; docs/api.md's request and response sections are generated from it.
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { API_ROUTES, type ApiRoute, type Auth } from './api-routes';
import { BODIES, QUERIES, type BodyName } from './api-schemas';

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema }>;
  requestBody?: { required: true; content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>;
  'x-sixty-auth': Auth;
  'x-sixty-roles'?: readonly string[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

/** Said once in the document; docs/api.md says the same in prose. */
const AUTH_TEXT: Record<Auth, string> = {
  public: 'Anyone.',
  site: "The widget on a customer's page: a site key, from one of the site's allowed origins (`Origin` header).",
  visitor: 'The visitor who asked for the callback: the `visitorToken` its answer carried.',
  link: 'Whoever holds the one-time link (the token in the path).',
  session: "A signed-in console user (session cookie); writes only from the console's own origin.",
  apiKey: "A CRM or other server with one of the workspace's API keys: `Authorization: Bearer sixty_live_…` (admins create them in the console).",
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: `fields` names each field to fix (dot paths)',
  401: 'Not signed in (or, for an API key, a missing, unknown or revoked key)',
  403: 'Origin, token or role refused',
  404: 'No such thing (or not yours)',
  409: 'Conflict with the current state',
  413: 'Body larger than `SIXTY_MAX_BODY`',
  429: 'Too many requests: try again after `Retry-After` seconds',
  503: 'Not ready',
};

/** JSON Schema of a zod schema, in the direction it travels: requests as accepted, answers as sent. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  // A `$defs` reference would resolve against the whole document once embedded: none may appear.
  if ('$defs' in json) throw new Error('A documented schema must not need $defs (recursive or registered schemas)');
  return json;
}

/** `/v1/callbacks/:leadId/slot` -> `/v1/callbacks/{leadId}/slot`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function operationId(r: ApiRoute): string {
  const words = r.path
    .replace(/^\/v1\//, '/')
    .split(/[/.-]/)
    .filter((w) => w && !w.startsWith(':'))
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const by = params.length ? 'By' + params.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('And') : '';
  return r.method.toLowerCase() + words.join('') + by;
}

function tagOf(r: ApiRoute): string {
  if (r.auth === 'site' || r.auth === 'visitor' || r.path === '/healthz' || r.path === '/v1/openapi.json') return 'public';
  return r.path.split('/')[r.path.startsWith('/v1/console/') ? 3 : 2]!.replace(/\.json$/, '');
}

const ref = (name: BodyName) => ({ $ref: `#/components/schemas/${name}` });

/** Builds the document; pure, so the docs script and the route serve the same one. */
export function buildOpenApi(version: string): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { ApiError: jsonSchemaOf(BODIES.ApiError, 'output') };
  const component = (name: BodyName, io: 'input' | 'output') => {
    const json = jsonSchemaOf(BODIES[name], io);
    const known = schemas[name];
    if (known && JSON.stringify(known) !== JSON.stringify(json)) {
      throw new Error(`${name} differs as a request and as an answer (defaults or transforms): give each direction its own name`);
    }
    schemas[name] = json;
    return ref(name);
  };

  const paths: OpenApiDocument['paths'] = {};
  for (const r of API_ROUTES) {
    const parameters: NonNullable<OpenApiOperation['parameters']> = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1]!,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query) {
      const query = jsonSchemaOf(QUERIES[r.query], 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        const { description, ...rest } = schema as { description?: string };
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
      }
    }
    const success = r.answer.body ? component(r.answer.body, 'output') : null;
    const responses: OpenApiOperation['responses'] = {
      [r.answer.status]: {
        description: r.answer.description ?? (r.answer.status === 204 ? 'Done; no body' : 'Done'),
        ...(success ? { content: { 'application/json': { schema: success } } } : r.answer.contentType ? { content: { [r.answer.contentType]: {} } } : {}),
      },
    };
    for (const status of r.errors) {
      responses[status] = { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: ref('ApiError') } } };
    }
    const op: OpenApiOperation = {
      operationId: operationId(r),
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [tagOf(r)],
      security: r.auth === 'session' ? [{ consoleSession: [] }] : r.auth === 'apiKey' ? [{ apiKey: [] }] : [],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true as const, content: { 'application/json': { schema: component(r.body, 'input') } } } } : {}),
      responses,
      'x-sixty-auth': r.auth,
      ...(r.roles ? { 'x-sixty-roles': r.roles } : {}),
    };
    if (Object.values(paths).some((p) => Object.values(p).some((o) => o.operationId === op.operationId)))
      throw new Error(`Two operations are named ${op.operationId}`);
    (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = op;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Sixty HTTP API',
      version,
      description:
        'Self-hosted speed-to-lead. Every error has the `ApiError` shape. Who may call each operation is in `x-sixty-auth` (' +
        Object.entries(AUTH_TEXT)
          .map(([k, v]) => `\`${k}\`: ${v}`)
          .join(' ') +
        ') and, for console users, `x-sixty-roles`. Rules that span several fields (a reason for some outcomes, say) are in the operation descriptions; the server checks them and answers 400 naming the field.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        consoleSession: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        apiKey: { type: 'http', scheme: 'bearer', description: "One of the workspace's API keys (`sixty_live_…`)" },
      },
    },
  };
}

export { AUTH_TEXT, STATUS_TEXT };
