// The zone a rep lives by: their own hours' zone, else their team's. Read where a rep's local
// day or clock matters (all-day calendar events, the time in their invite mail).
import type { Store } from '../db/store';

export async function repTimeZone(store: Pick<Store, 'repSettings' | 'teams'>, workspaceId: string, repId: string): Promise<string | null> {
  const [reps, teams] = await Promise.all([store.repSettings(workspaceId), store.teams(workspaceId)]);
  const own = reps.find((r) => r.id === repId)?.ownHours?.timeZone;
  return own ?? teams.find((t) => t.members.some((m) => m.repId === repId))?.hours.timeZone ?? null;
}
