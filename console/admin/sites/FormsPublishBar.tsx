// A mapping saved on Sites › Forms is a draft of the site's rules, like a question edited on
// Questions and scoring: this bar says so while a draft waits and opens the same review (the
// draft's changes against the live version, its backtest including the stored form submissions)
// before publishing it. Nothing is read with a mapping until then.
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api';
import { PublishDialog } from '../rules/PublishDialog';
import type { RulesResponse, RulesVersionRow } from '../types';
import { failureOf } from '../ui/useLoad';
// The review's diff and backtest are drawn as on Questions and scoring.
import '../rules/rules.css';

interface Props {
  siteId: string;
  liveVersion: number;
  draftVersion: number;
  onPublished(): void;
  onSessionEnded(): void;
}

export function FormsPublishBar({ siteId, liveVersion, draftVersion, onPublished, onSessionEnded }: Props) {
  const [review, setReview] = useState<{ row: RulesVersionRow; live: RulesResponse['current'] } | null>(null);
  const [error, setError] = useState('');
  const open = async () => {
    setError('');
    try {
      const rules = await adminApi.rules(siteId);
      const row = rules.versions.find((v) => v.version === draftVersion);
      if (row) setReview({ row, live: rules.current });
      else setError(`Version ${draftVersion} is no longer there: reload the page.`);
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    }
  };
  return (
    <section class="panel forms-draft" aria-labelledby="forms-draft-heading">
      <h2 id="forms-draft-heading">Draft version {draftVersion} is not published</h2>
      <p class="muted">
        Mappings are part of the site&rsquo;s rules. Submissions are read with the live version {liveVersion} until you publish version {draftVersion}
        (with any other change it holds from Questions and scoring).
      </p>
      <div class="form-actions">
        <button type="button" class="btn btn-primary" onClick={open}>
          Review and publish version {draftVersion}
        </button>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {review && (
        <PublishDialog
          siteId={siteId}
          row={review.row}
          live={review.live}
          onDone={() => {
            setReview(null);
            onPublished();
          }}
          onCancel={() => setReview(null)}
          onSessionEnded={onSessionEnded}
        />
      )}
    </section>
  );
}
