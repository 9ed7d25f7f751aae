// How the console names a pending invite without ever showing its token: a prefix of the hash.

/** Hex characters of the token hash that name an invite (64 bits: unique in practice, scoped to a workspace). */
export const INVITE_ID_CHARS = 16;

const INVITE_ID = new RegExp(`^[0-9a-f]{${INVITE_ID_CHARS}}$`);

export function inviteId(tokenHash: string): string {
  return tokenHash.slice(0, INVITE_ID_CHARS);
}

/** Only a well-formed id reaches a `like` pattern, so `%` and `_` from a request match nothing. */
export function isInviteId(id: string): boolean {
  return INVITE_ID.test(id);
}
