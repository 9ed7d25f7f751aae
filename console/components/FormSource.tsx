// The site's own forms this lead submitted: which form, on which page, when. The first made the
// lead; a later one joined it. Their mapped answers are the lead's must-have answers.
import type { LeadCard } from '../../shared/api';
import { formatWhen } from '../format';

export function FormSource({ forms, now }: { forms: NonNullable<LeadCard['forms']>; now: number }) {
  return (
    <>
      <ul class="form-source">
        {forms.map((f, i) => (
          <li key={`${f.key}-${f.at}`}>
            {i === 0 ? 'Sent' : 'Sent again'} the form <strong>“{f.name}”</strong>
            {f.page && (
              <>
                {' '}
                on <span class="form-source-page">{f.page}</span>
              </>
            )}{' '}
            <span class="muted">· {formatWhen(f.at, now)}</span>
          </li>
        ))}
      </ul>
      <p class="muted">The must-have answers come from the fields mapped to them.</p>
    </>
  );
}
