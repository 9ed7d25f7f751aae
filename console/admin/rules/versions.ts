// The versions list as the page shows it: newest first, with the live one marked. The initial
// rules of a site have no stored version row until the first publish, so it is added. Pure.
import type { RulesResponse, RulesVersionRow } from '../types';

export function versionList(res: RulesResponse): RulesVersionRow[] {
  const rows = [...res.versions];
  if (!rows.some((r) => r.version === res.current.version)) {
    rows.push({ version: res.current.version, status: 'published', rules: res.current, createdAt: 0, publishedAt: null });
  }
  return rows
    .map((r) => (r.version === res.current.version ? { ...r, status: 'published' as const } : r.status === 'published' ? { ...r, status: 'retired' as const } : r))
    .sort((a, b) => b.version - a.version);
}

export const STATUS_LABELS: Record<RulesVersionRow['status'], string> = {
  draft: 'Draft',
  published: 'Live',
  retired: 'Earlier',
};
