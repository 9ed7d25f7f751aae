// The field-level changes between two versions, as a list a marketer can read.
import type { SiteRules } from '../types';
import { diffRules } from './diff-rules';

const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

export function RulesDiff({ from, to }: { from: SiteRules; to: SiteRules }) {
  const lines = diffRules(from, to);
  if (lines.length === 0) return <p class="muted">No changes from the live version.</p>;
  return (
    <ul class="diff" aria-label={`${lines.length} changes`}>
      {lines.map((l, i) => (
        <li key={i} class={`diff-line diff-${l.change}`}>
          <span class={`badge diff-badge diff-badge-${l.change}`}>{CHANGE_LABELS[l.change]}</span>
          <span class="diff-where">{l.where}</span>
          {l.change === 'changed' && (
            <span class="diff-values">
              <del>{l.from}</del>
              <span aria-hidden="true"> → </span>
              <span class="visually-hidden"> becomes </span>
              <ins>{l.to}</ins>
            </span>
          )}
          {l.change === 'added' && l.to && (
            <span class="diff-values">
              <ins>{l.to}</ins>
            </span>
          )}
          {l.change === 'removed' && l.from && (
            <span class="diff-values">
              <del>{l.from}</del>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
