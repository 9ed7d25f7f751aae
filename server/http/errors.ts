import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ApiError } from '../../shared/api';

/** Throw at the edge; `app.onError` turns it into the one error shape clients get. */
export class ApiFailure extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>): ApiError {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/** Zod issues -> `{ "answers.size": "message" }`, first message per field. */
export function fieldErrors(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[[...issue.path, k].join('.')] ??= 'Unknown field';
      continue;
    }
    const path = issue.path.length ? issue.path.join('.') : '_';
    fields[path] ??= issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : issue.message;
  }
  return fields;
}

export function invalid(err: ZodError): ApiFailure {
  return new ApiFailure(400, 'invalid', 'Some fields need attention', fieldErrors(err));
}

/**
 * A database error caused by what a client sent rather than by us: PostgreSQL refuses NUL bytes
 * and malformed text in any parameter (a path segment like `%00` reaches a query unchanged).
 * Such requests get a 400, never a 500.
 */
export function clientFault(err: unknown): ApiFailure | null {
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (err as { code?: unknown } | null)?.code;
  if (code === '22021' || code === '22P05') return new ApiFailure(400, 'invalid_text', 'The request contains characters that cannot be stored (such as NUL)');
  return null;
}
