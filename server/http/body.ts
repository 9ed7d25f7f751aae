import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiFailure, invalid } from './errors';

/** Where `limitBodies` leaves the byte limit for `bodyText`. */
const LIMIT_KEY = 'sixty.maxBodyBytes';
/** For routes outside `limitBodies` (the bench's bare baseline): the configured default. */
const DEFAULT_MAX_BYTES = 16 * 1024;

const tooLarge = (max: number) => new ApiFailure(413, 'too_large', `The body is larger than ${max} bytes`);

/**
 * Caps request bodies at `maxBytes`: a declared Content-Length past it gets 413 before anything
 * is read, and `bodyText` stops reading at the limit when the length was not declared.
 */
export function limitBodies(maxBytes: number): MiddlewareHandler {
  return async function limitBodiesMiddleware(c, next) {
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    (c.set as (key: string, value: unknown) => void)(LIMIT_KEY, maxBytes);
    await next();
  };
}

/**
 * The body as text, within the limit. Under @hono/node-server it is read from Node's own request
 * stream: `c.req.text()` (or hono's body-limit middleware touching `c.req.raw.body`) makes the
 * adapter build a full web Request, with an AbortSignal and web streams, on every call, which the
 * ingest profiles showed as a large share of a small request's cost.
 */
export async function bodyText(c: Context): Promise<string> {
  const max = ((c.get as (key: string) => unknown)(LIMIT_KEY) as number | undefined) ?? DEFAULT_MAX_BYTES;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    // Not on Node's server (app.request in a test, say): the web Request is all there is.
    const text = await c.req.text();
    if (Buffer.byteLength(text) > max) throw tooLarge(max);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed when the loop is left early (a 413): destroying the request would close the
  // socket under the 413 and a client's keep-alive pool would reuse a dead connection.
  for await (const chunk of incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      // Drain the rest unread, so the connection stays usable for the 413.
      incoming.resume();
      throw tooLarge(max);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

/**
 * Reads and validates a JSON body whatever its content type: the widget posts `text/plain`
 * JSON to avoid a CORS preflight. Size is limited by `limitBodies`.
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await bodyText(c);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'invalid_json', 'The body must be JSON');
  }
  // PostgreSQL text cannot hold U+0000 (SQLite can): refuse it here, naming the field, on both.
  const nul = text.includes('\\u0000') ? nulPath(raw) : null;
  if (nul !== null) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { [nul || '_']: 'Must not contain NUL characters' });
  // With the input on each issue, a field sent with the wrong type gets its schema's message, not "Required".
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/**
 * Deepest nesting walked. No body the API takes nests more than a few levels, and the schemas
 * refuse unexpected nesting at its first level without walking further.
 */
const MAX_DEPTH = 64;

/**
 * Dotted path of the first string (or key) holding U+0000, or null. Walked with a stack of its
 * own and only so deep: recursion overflowed on 5,000 nested arrays (issue 14), a 500.
 */
function nulPath(root: unknown): string | null {
  // Entries to visit, the next on top; a path's last segment is the key it was reached by.
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value, path } = entry;
    const key = path[path.length - 1];
    if (key?.includes('\u0000')) return [...path.slice(0, -1), key.replace(/\u0000/g, '')].join('.');
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path.join('.');
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (path.length === MAX_DEPTH) {
      const field = Array.isArray(root) ? '_' : path[0]!;
      throw new ApiFailure(400, 'invalid', 'Some fields need attention', { [field]: `Nested more than ${MAX_DEPTH} levels deep` });
    }
    const children = Object.entries(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i]![1], path: [...path, children[i]![0]] });
  }
  return null;
}
