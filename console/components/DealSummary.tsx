// The deal on the lead card: its stage, its value in the workspace's currency, when it closed and
// why it was won or lost, so a rep sees at a glance what the lead became.
import type { LeadCard, Stage } from '../../shared/api';
import { formatMoney } from '../../shared/money';
import { STAGE_LABELS, formatWhen } from '../format';

interface Props {
  stage: Stage;
  deal: NonNullable<LeadCard['deal']>;
  now: number;
}

export function DealSummary({ stage, deal, now }: Props) {
  return (
    <dl class="deal">
      <div>
        <dt>Stage</dt>
        <dd>
          <span class={`badge badge-stage badge-stage-${stage}`}>{STAGE_LABELS[stage]}</span>
        </dd>
      </div>
      <div>
        <dt>Value</dt>
        <dd class="deal-value">{deal.value === null ? <span class="muted">Not given</span> : formatMoney(deal.value, deal.currency)}</dd>
      </div>
      {deal.closedAt !== null && (
        <div>
          <dt>Closed</dt>
          <dd>{formatWhen(deal.closedAt, now)}</dd>
        </div>
      )}
      {deal.closeReason && (
        <div class="deal-reason">
          <dt>{stage === 'lost' ? 'Why lost' : 'Why'}</dt>
          <dd>{deal.closeReason}</dd>
        </div>
      )}
    </dl>
  );
}
