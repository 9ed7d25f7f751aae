// The generated parts of docs/api.md: between `<!-- api: METHOD PATH -->` and `<!-- /api -->`
// each route's auth, query, request body and answer, rendered from the OpenAPI document. The
// prose around the blocks is written by hand; `npm run docs:api` rewrites only the blocks, and a
// test fails when docs/api.md differs from what it would write.
import { API_ROUTES, type ApiRoute } from './api-routes';
import { AUTH_TEXT, openApiPath, type JsonSchema, type OpenApiDocument } from './openapi';

/** A few words per error status, after the number. */
const ERROR_WORDS: Record<number, string> = {
  400: 'invalid input',
  401: 'not signed in',
  403: 'refused (origin, token or role)',
  404: 'not found',
  409: 'conflict',
  413: 'body too large',
  429: 'too many requests',
  503: 'not ready',
};

const BLOCK = /<!-- api: ([A-Z]+) (\S+) -->[\s\S]*?<!-- \/api -->/g;

export interface FilledDoc {
  markdown: string;
  /** Routes of the table that no block in the document shows. */
  missing: string[];
  /** Blocks naming a route the table does not have. */
  unknown: string[];
}

/** Rewrites every block of `markdown` from `doc`; everything outside the blocks stays as written. */
export function fillApiMarkdown(markdown: string, doc: OpenApiDocument): FilledDoc {
  const shown = new Set<string>();
  const unknown: string[] = [];
  // Each schema gets its table once, where it first appears; later blocks link to it.
  const tabled = new Set<string>();
  const filled = markdown.replace(BLOCK, (_, method: string, path: string) => {
    const key = `${method} ${path}`;
    const route = API_ROUTES.find((r) => r.method === method && r.path === path);
    if (!route) {
      unknown.push(key);
      return `<!-- api: ${key} -->\nNo such route in server/api-docs/api-routes.ts.\n<!-- /api -->`;
    }
    shown.add(key);
    return `<!-- api: ${key} -->\n${routeMarkdown(route, doc, tabled)}<!-- /api -->`;
  });
  const missing = API_ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => !shown.has(k));
  return { markdown: filled, missing, unknown };
}

function routeMarkdown(r: ApiRoute, doc: OpenApiDocument, tabled: Set<string>): string {
  const op = doc.paths[openApiPath(r.path)]![r.method.toLowerCase()]!;
  const out: string[] = [`#### \`${r.method} ${r.path}\``, '', `${op.summary}.${op.description ? ` ${op.description}` : ''}`, ''];
  const who = r.auth === 'session' ? `${AUTH_TEXT.session.replace(/\.$/, '')}${r.roles ? `; ${r.roles.join(' or ')}` : ''}.` : AUTH_TEXT[r.auth];
  out.push(`*Who:* ${who}`, '');
  const query = op.parameters?.filter((p) => p.in === 'query') ?? [];
  if (query.length) {
    out.push('*Query:*', '', '| Parameter | Type | Required | Rules |', '| --- | --- | --- | --- |');
    for (const p of query)
      out.push(
        `| \`${p.name}\` | ${typeOf(p.schema)} | ${p.required ? 'yes' : 'no'} | ${cell(rulesOf({ ...p.schema, ...(p.description ? { description: p.description } : {}) }))} |`,
      );
    out.push('');
  }
  const bodyRef = op.requestBody?.content['application/json'].schema.$ref;
  if (bodyRef) out.push(...schemaSection('*Request body*', bodyRef, doc, tabled, 'request'));
  const status = String(r.answer.status);
  const answer = op.responses[status]!;
  const answerRef = (answer.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref;
  if (answerRef) out.push(...schemaSection(`*Answer:* \`${status}\``, answerRef, doc, tabled, 'response', r.answer.description));
  else
    out.push(
      `*Answer:* \`${status}\`${r.answer.contentType && r.answer.contentType !== 'application/json' ? ` (\`${r.answer.contentType}\`)` : ''}: ${answer.description}.`,
      '',
    );
  if (r.errors.length)
    out.push(
      `*Errors* (\`ApiError\`): ${[...r.errors]
        .sort((a, b) => a - b)
        .map((s) => `\`${s}\` ${ERROR_WORDS[s] ?? ''}`.trim())
        .join(', ')}.`,
      '',
    );
  return out.join('\n');
}

function schemaSection(title: string, $ref: string, doc: OpenApiDocument, tabled: Set<string>, side: 'request' | 'response', note?: string): string[] {
  const name = $ref.split('/').pop()!;
  const anchor = `schema-${name.toLowerCase()}`;
  const lead = `${title}${note ? ` (${note})` : ''}`;
  if (tabled.has(name)) return [`${lead}: [\`${name}\`](#${anchor}), as above.`, ''];
  tabled.add(name);
  const schema = doc.components.schemas[name]!;
  const rows = rowsOf(schema, '', true);
  const out = [`${lead}: <a id="${anchor}"></a>\`${name}\`, ${typeOf(schema)}${schema.description ? `. ${String(schema.description)}` : ''}`, ''];
  if (!rows.length) return out;
  out.push(`| Field | Type | ${side === 'request' ? 'Required' : 'Present'} | Rules |`, '| --- | --- | --- | --- |');
  for (const row of rows)
    out.push(
      `| \`${row.path}\` | ${row.type} | ${row.required ? (side === 'request' ? 'yes' : 'always') : row.when ? row.when : side === 'request' ? 'no' : 'optional'} | ${cell(row.rules)} |`,
    );
  out.push('');
  return out;
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  /** For a field of one shape of a union: which shape. */
  when?: string;
  rules: string;
}

/** One row per field, nested fields as dot paths (the same paths a 400's `fields` names). */
function rowsOf(schema: JsonSchema, prefix: string, required: boolean, when?: string): Row[] {
  const rows: Row[] = [];
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (props) {
    const req = new Set((schema.required as string[] | undefined) ?? []);
    for (const [key, child] of Object.entries(props)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const inner = nonNull(child);
      rows.push({ path, type: typeOf(child), required: req.has(key) && !when, ...(when ? { when } : {}), rules: rulesOf(child) });
      rows.push(...childRows(inner, path, when));
    }
    return rows;
  }
  return childRows(schema, prefix, when);
}

/** Rows inside a field: its object's fields, its array's items, its union's shapes. */
function childRows(schema: JsonSchema, path: string, when?: string): Row[] {
  if (schema.properties) return rowsOf(schema, path, true, when);
  if (schema.type === 'array' && schema.items) {
    const items = nonNull(schema.items as JsonSchema);
    return childRows(items, path ? `${path}[]` : '[]', when);
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    const values = nonNull(schema.additionalProperties as JsonSchema);
    const valuePath = `${path}.<key>`;
    if (values.type === 'object' && !values.properties) {
      return [
        { path: valuePath, type: typeOf(values), required: false, ...(when ? { when } : {}), rules: rulesOf(values) },
        ...childRows(values, valuePath, when),
      ];
    }
    return childRows(values, valuePath, when);
  }
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (variants && variants.every((v) => v.properties)) {
    const tag = discriminator(variants);
    const tagOf = (v: JsonSchema) => (v.properties as Record<string, JsonSchema>)[tag ?? '']!;
    const tagRow: Row[] = tag
      ? [
          {
            path: `${path}.${tag}`,
            type: variants
              .flatMap((v) => valuesOf(tagOf(v)))
              .map((x) => `\`${JSON.stringify(x)}\``)
              .join(' or '),
            required: !when,
            ...(when ? { when } : {}),
            rules: 'Which shape the rest has',
          },
        ]
      : [];
    return tagRow.concat(
      variants.flatMap((v, i) => {
        const shape = tag
          ? `when \`${tag}\` is ${valuesOf(tagOf(v))
              .map((x) => `\`${x}\``)
              .join(' or ')}`
          : `in shape ${i + 1}`;
        return rowsOf(v, path, true, shape).filter((row) => row.path !== `${path}.${tag}`);
      }),
    );
  }
  return [];
}

/** The field every shape of a union fixes to a constant or an enum: `state`, `field`. */
function discriminator(variants: JsonSchema[]): string | null {
  const first = Object.keys(variants[0]!.properties as object);
  return first.find((k) => variants.every((v) => valuesOf(((v.properties as Record<string, JsonSchema>)[k] ?? {}) as JsonSchema).length > 0)) ?? null;
}

function valuesOf(s: JsonSchema): unknown[] {
  if ('const' in s) return [s.const];
  return Array.isArray(s.enum) ? s.enum : [];
}

/** The schema without its `null` alternative (nullability shows in the type). */
function nonNull(s: JsonSchema): JsonSchema {
  const alts = s.anyOf as JsonSchema[] | undefined;
  if (!alts) return s;
  const rest = alts.filter((a) => a.type !== 'null');
  return rest.length === 1 ? rest[0]! : s;
}

function typeOf(s: JsonSchema): string {
  if (Array.isArray(s.type)) return (s.type as string[]).map((type) => typeOf({ ...s, type })).join(' or ');
  const alts = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alts) {
    if (alts.every((a) => a.properties)) return s.oneOf ? `object, one of ${alts.length} shapes` : `object, one of ${alts.length} shapes`;
    return alts.map(typeOf).join(' or ');
  }
  const values = valuesOf(s);
  if (values.length) return values.map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
  switch (s.type) {
    case 'string':
      return s.format ? `string (${String(s.format)})` : 'string';
    case 'array':
      return s.items ? `array of ${plural(typeOf(s.items as JsonSchema))}` : 'array';
    case 'object':
      if (typeof s.additionalProperties === 'object') return `map of string to ${typeOf(s.additionalProperties as JsonSchema)}`;
      return 'object';
    case undefined:
      return 'any';
    default:
      return String(s.type);
  }
}

function plural(type: string): string {
  if (/^(string|object|integer|number|boolean)\b/.test(type)) return type.replace(/^(\w+)/, '$1s');
  return type;
}

/** Limits, patterns, defaults and the field's description, in words. */
function rulesOf(schema: JsonSchema): string {
  const s = nonNull(schema);
  const parts: string[] = [];
  const range = (low: unknown, high: unknown, unit: string) => {
    // zod's `int()` bounds are the safe-integer range: not a rule worth reading.
    const lo = low === Number.MIN_SAFE_INTEGER ? undefined : low;
    const hi = high === Number.MAX_SAFE_INTEGER ? undefined : high;
    if (lo !== undefined && hi !== undefined) parts.push(`${lo} to ${hi}${unit}`);
    else if (lo !== undefined) parts.push(`at least ${lo}${lo === 1 ? unit.replace(/s$/, '') : unit}`);
    else if (hi !== undefined) parts.push(`at most ${hi}${unit}`);
  };
  range(s.minLength, s.maxLength, ' characters');
  range(s.minimum, s.maximum, '');
  range(s.minItems, s.maxItems, ' items');
  if (typeof s.pattern === 'string' && s.format === undefined) parts.push(`matches \`${s.pattern}\``);
  const items = s.items as JsonSchema | undefined;
  if (items) {
    const inner = rulesOf(items);
    if (inner && !items.properties) parts.push(`each: ${inner}`);
  }
  const keys = s.propertyNames as JsonSchema | undefined;
  if (keys && typeof s.additionalProperties === 'object') {
    const k = rulesOf(keys);
    if (k) parts.push(`keys: ${k}`);
    const v = rulesOf(s.additionalProperties as JsonSchema);
    if (v && (s.additionalProperties as JsonSchema).type !== 'object') parts.push(`values: ${v}`);
  }
  if ('default' in schema) parts.push(`default \`${JSON.stringify(schema.default)}\``);
  const description = schema.description ?? s.description;
  if (typeof description === 'string') parts.push(description);
  return parts.join('; ');
}

/** Table cells: pipes escaped, so a pattern's `|` does not split the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
