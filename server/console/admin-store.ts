// Store operations of workspace administration (users, invites, password resets).
import type { UserRole } from '../../shared/api';
import type { InviteRow, UserRow } from '../../shared/console-api';

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
}
