// Why this lead is hot: fit status, score and every reason with its points.
import type { LeadCard } from '../../shared/api';
import { FIT_LABELS, formatPoints } from '../format';

export function Qualification({ qualification }: { qualification: LeadCard['qualification'] }) {
  const { fit, score, hot, reasons } = qualification;
  return (
    <div class="qualification">
      <div class="badges">
        <span class={`badge badge-fit-${fit.status}`}>{FIT_LABELS[fit.status]}</span>
        <span class="badge badge-score">Score {score}</span>
        {hot && <span class="badge badge-hot">Hot</span>}
      </div>
      {fit.status === 'fails' && fit.reason && <p class="fit-reason">{fit.reason}</p>}
      {reasons.length > 0 && (
        <ul class="reasons" aria-label="Score breakdown">
          {reasons.map((r, i) => (
            <li key={`${r.source}-${i}`}>
              <span class="reason-text">{r.text}</span>
              <span class={`points ${r.points < 0 ? 'points-neg' : r.points > 0 ? 'points-pos' : ''}`}>{formatPoints(r.points)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
