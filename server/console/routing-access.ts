// Shared checks of the routing configuration endpoints: who may configure routing, and that
// ids named in a body belong to the caller's workspace (another workspace's id is a field error).
import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../auth/session';
import type { Store } from '../db/store';
import { ApiFailure } from '../http/errors';

/** Admins and managers configure routing; reps only take leads. */
export function requireRoutingEditor(): MiddlewareHandler<AuthEnv> {
  return async function requireRoutingEditorMiddleware(c, next) {
    if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only admins and managers configure routing');
    await next();
  };
}

/** Field errors for rep ids that are not active users of the workspace. */
export async function checkReps(store: Store, workspaceId: string, refs: Array<[path: string, repId: string]>): Promise<void> {
  const known = new Set((await store.repSettings(workspaceId)).map((r) => r.id));
  const fields = Object.fromEntries(refs.filter(([, id]) => !known.has(id)).map(([path]) => [path, 'No such user in this workspace']));
  if (Object.keys(fields).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', fields);
}

/** Field errors for team ids that are not teams of the workspace. */
export async function checkTeams(store: Store, workspaceId: string, refs: Array<[path: string, teamId: string | null]>): Promise<void> {
  const known = new Set((await store.teams(workspaceId)).map((t) => t.id));
  const fields = Object.fromEntries(refs.filter(([, id]) => id !== null && !known.has(id)).map(([path]) => [path, 'No such team']));
  if (Object.keys(fields).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', fields);
}
