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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}
