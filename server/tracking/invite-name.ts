/**
 * The name an invitation shows: the first of the workspace's available reps (offered longest ago
 * first, as the store lists them) who is online now, by first name only. Null: nobody to name,
 * so no invitation.
 */
export function inviteName(availableReps: ReadonlyArray<{ id: string; name: string }>, online: ReadonlySet<string>): string | null {
  const rep = availableReps.find((r) => online.has(r.id));
  return rep ? rep.name.split(' ')[0]! : null;
}
