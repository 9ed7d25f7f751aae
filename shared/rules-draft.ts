// Where an edit of a site's rules starts, wherever it is made (Questions and scoring, or a form's
// mapping on Sites › Forms): from the newest version when it is a draft not yet published, else
// from the live rules. One rule for both, so an edit made in one place is never dropped by a
// draft saved from the other. Pure.
import type { RulesVersionRow } from './console-api';
import type { SiteRules } from './site-rules';

/** The rules an edit starts from, and the draft's version when it continues one (null: the live rules). */
export function editBasis(live: SiteRules, versions: readonly RulesVersionRow[]): { rules: SiteRules; draftVersion: number | null } {
  const newest = versions.reduce<RulesVersionRow | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  return newest && newest.status === 'draft' && newest.version !== live.version
    ? { rules: newest.rules, draftVersion: newest.version }
    : { rules: live, draftVersion: null };
}
