import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiFailure, invalid } from './errors';

/**
 * Reads and validates a JSON body whatever its content type: the widget posts `text/plain`
 * JSON to avoid a CORS preflight. Size is limited by the body-limit middleware before this.
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'invalid_json', 'The body must be JSON');
  }
  // PostgreSQL text cannot hold U+0000 (SQLite can): refuse it here, naming the field, on both.
  const nul = text.includes('\\u0000') ? nulPath(raw, []) : null;
  if (nul !== null) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { [nul || '_']: 'Must not contain NUL characters' });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** Dotted path of the first string (or key) holding U+0000, or null. */
function nulPath(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (!value || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k.replace(/\u0000/g, '')].join('.');
    const found = nulPath(v, [...path, k]);
    if (found !== null) return found;
  }
  return null;
}
