// Fetch helpers for the console's same-origin HTTP API: one error shape, typed responses.
import type { Me, SetupStatus } from '../shared/api';
import type { SetupBody, SignInBody } from '../shared/console-api';

/** A failed request, carrying the server's `{ error: { code, message, fields } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `keepalive` caps bodies at 64 KB, so it is for the queue's small posts, not a rules draft. */
export async function request<T>(method: Method, path: string, body?: unknown, keepalive = method === 'POST'): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // The call endpoint fires as the browser hands off to a `tel:` link.
      keepalive,
    });
  } catch {
    throw new ApiFailure(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toFailure(res.status, payload);
  return payload as T;
}

function toFailure(status: number, payload: unknown): ApiFailure {
  const error = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : 'Something went wrong. Please try again.';
  const fields = error?.fields && typeof error.fields === 'object' ? (error.fields as Record<string, string>) : {};
  return new ApiFailure(status, code, message, fields);
}

/** What the first-run setup form holds and sends. */
export type SetupInput = SetupBody;

const base = '/v1/console';

export const api = {
  setupStatus: () => request<SetupStatus>('GET', `${base}/setup`),
  setup: (input: SetupBody) => request<Me>('POST', `${base}/setup`, input),
  me: () => request<Me>('GET', `${base}/me`),
  signIn: (email: string, password: string) => request<Me>('POST', `${base}/session`, { email, password } satisfies SignInBody),
  signOut: () => request<void>('DELETE', `${base}/session`),
};

/** The message to show for any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong. Please try again.';
}
