// Every rules version, newest first: compare with the live one, load into the editor, publish a
// draft, or roll back by publishing an earlier version.
import { formatWhen } from '../../format';
import type { RulesVersionRow, SiteRules } from '../types';
import { RulesDiff } from './RulesDiff';
import { STATUS_LABELS, versionMoments } from './versions';

interface Props {
  rows: RulesVersionRow[];
  live: SiteRules;
  /** The version whose diff is open. */
  comparing: number | null;
  onCompare: (version: number | null) => void;
  onEdit: (row: RulesVersionRow) => void;
  onPublish: (row: RulesVersionRow) => void;
}

export function VersionsPanel({ rows, live, comparing, onCompare, onEdit, onPublish }: Props) {
  const now = Date.now();
  return (
    <section class="panel versions" aria-labelledby="versions-heading">
      <div class="section-head">
        <h2 id="versions-heading">Versions</h2>
        <span class="count">{rows.length}</span>
      </div>
      <ol class="version-list">
        {rows.map((row) => {
          const isLive = row.version === live.version;
          const open = comparing === row.version;
          return (
            <li key={row.version} class={`version${isLive ? ' version-live' : ''}`} data-version={row.version}>
              <div class="version-head">
                <p class="version-title">
                  <strong>Version {row.version}</strong>
                  <span class={`badge badge-version-${row.status}`}>{STATUS_LABELS[row.status]}</span>
                </p>
                <p class="version-meta muted">
                  {versionMoments(row).map((m, i) => (
                    <span key={m.kind} class="version-moment" data-moment={m.kind}>
                      {i > 0 && ' · '}
                      {m.label} <time dateTime={new Date(m.at).toISOString()}>{formatWhen(m.at, now)}</time>
                    </span>
                  ))}
                </p>
              </div>
              <div class="version-actions">
                {!isLive && (
                  <button type="button" class="btn btn-small" aria-expanded={open} onClick={() => onCompare(open ? null : row.version)}>
                    {open ? 'Hide changes' : 'Changes'}
                  </button>
                )}
                <button type="button" class="btn btn-small" onClick={() => onEdit(row)}>
                  Edit a copy
                </button>
                {!isLive && (
                  <button type="button" class={`btn btn-small${row.status === 'draft' ? ' btn-primary' : ''}`} onClick={() => onPublish(row)}>
                    {row.status === 'draft' ? 'Review and publish' : 'Roll back to this'}
                  </button>
                )}
              </div>
              {open && (
                <div class="version-diff" aria-label={`Changes in version ${row.version} from the live version ${live.version}`} role="region">
                  <RulesDiff from={live} to={row.rules} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
