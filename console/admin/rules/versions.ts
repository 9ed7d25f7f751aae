// The versions list as the page shows it: newest first, with the live one marked (the server
// lists the live version, a site's first rules included). Pure.
import type { RulesResponse, RulesVersionRow } from '../types';

export function versionList(res: RulesResponse): RulesVersionRow[] {
  return res.versions
    .map((r) =>
      r.version === res.current.version ? { ...r, status: 'published' as const } : r.status === 'published' ? { ...r, status: 'retired' as const } : r,
    )
    .sort((a, b) => b.version - a.version);
}

export const STATUS_LABELS: Record<RulesVersionRow['status'], string> = {
  draft: 'Draft',
  published: 'Live',
  retired: 'Earlier',
};

/** The moments of a version's life, in order: saved, then each of published and retired it has had. */
export function versionMoments(row: RulesVersionRow): Array<{ kind: 'created' | 'published' | 'retired'; label: string; at: number }> {
  const moments: Array<{ kind: 'created' | 'published' | 'retired'; label: string; at: number }> = [{ kind: 'created', label: 'Saved', at: row.createdAt }];
  if (row.publishedAt !== null) moments.push({ kind: 'published', label: row.status === 'published' ? 'Live since' : 'Published', at: row.publishedAt });
  if (row.retiredAt !== null && row.status !== 'published') moments.push({ kind: 'retired', label: 'Retired', at: row.retiredAt });
  return moments;
}
