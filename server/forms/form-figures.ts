// Numbers' per-form figures: for every site of the workspace, each form's mapped submissions in
// [from, to) and the leads they made or joined, counted by form-numbers.core.ts exactly as the
// Forms page counts them (there over all time).
import type { FormFigures } from '../../shared/schemas/forms.schema';
import type { Site } from '../db/store';
import { formNumbers } from './form-numbers.core';
import type { FormsStore } from './forms-store';

export async function formFigures(forms: Pick<FormsStore, 'leadRows' | 'list'>, sites: readonly Site[], from: number, to: number): Promise<FormFigures[]> {
  const perSite = await Promise.all(
    sites.map(async (site) => {
      const [rows, seen] = await Promise.all([forms.leadRows(site.id, { from, to }), forms.list(site.id)]);
      const numbers = formNumbers(rows);
      return [...numbers].map(([key, n]) => ({ siteId: site.id, siteName: site.name, key, name: seen.find((f) => f.key === key)?.name ?? key, numbers: n }));
    }),
  );
  // Busiest first; a form's name breaks ties so the table does not reshuffle between loads.
  return perSite.flat().sort((a, b) => b.numbers.submissions - a.numbers.submissions || a.name.localeCompare(b.name));
}
