// Store operations of workspace administration (users, invites, password resets).
import type { UserRole } from '../../shared/api';
import type { ApiKeyRow, InviteRow, UserRow, WorkspaceSettings } from '../../shared/console-api';

/** A new API key as stored: the hash of its secret, never the secret. */
export interface NewApiKey {
  id: string;
  workspaceId: string;
  name: string;
  keyHash: string;
  prefix: string;
  createdBy: string;
}

/** The key a request's secret hashes to: live, revoked, or none. */
export type ApiKeyLookup = { status: 'live'; id: string; workspaceId: string; name: string } | { status: 'revoked' } | null;

export interface PendingInvite {
  email: string;
  name: string;
  role: UserRole;
  workspaceId: string;
  workspaceName: string;
}

export interface AdminStore {
  users(workspaceId: string): Promise<UserRow[]>;
  createInvite(
    i: { tokenHash: string; workspaceId: string; email: string; name: string; role: UserRole; createdBy: string },
    now: number,
    ttlMs: number,
  ): Promise<void>;
  pendingInvites(workspaceId: string, now: number): Promise<InviteRow[]>;
  /** The link stops working at once; false when no pending invite of the workspace has this id. */
  revokeInvite(workspaceId: string, id: string, now: number): Promise<boolean>;
  invite(tokenHash: string, now: number): Promise<PendingInvite | null>;
  /** Creates the invited user (once); null when the link is unknown, used or expired. */
  acceptInvite(tokenHash: string, passwordHash: string, now: number): Promise<string | null>;
  createPasswordReset(tokenHash: string, userId: string, workspaceId: string, now: number, ttlMs: number): Promise<void>;
  /** Sets the new password and ends every session of the user; null when the link is not valid. */
  usePasswordReset(tokenHash: string, passwordHash: string, now: number): Promise<string | null>;
  /** Deactivates and ends every session; false when the user is not in the workspace. */
  deactivate(workspaceId: string, userId: string): Promise<boolean>;

  /** The workspace's API keys, newest first, revoked ones included. */
  apiKeys(workspaceId: string): Promise<ApiKeyRow[]>;
  createApiKey(k: NewApiKey, now: number): Promise<ApiKeyRow>;
  /** The key stops working at once; false when the workspace has no such live key. */
  revokeApiKey(workspaceId: string, id: string, now: number): Promise<boolean>;
  /** The key whose secret hashes to `keyHash`; a live one is marked used now. */
  useApiKey(keyHash: string, now: number): Promise<ApiKeyLookup>;
  workspaceSettings(workspaceId: string): Promise<WorkspaceSettings | null>;
  /** Sets the currency every deal value of the workspace is in (values are not converted). */
  setCurrency(workspaceId: string, currency: string): Promise<void>;
}
