// The site's own forms in the range: each form's mapped submissions and the leads they made or
// joined, as far as each got (MQL, hot, offered to a rep, accepted) and how fast reps accepted.
// The same counts as Sites → Forms (there over all time).
import type { FormFigures } from '../types';
import { countText, spanText } from './figures';
import { TableCsv } from './TableCsv';

export function FormsSection({ forms }: { forms: FormFigures[] }) {
  return (
    <section class="panel numbers-section" aria-labelledby="forms-heading">
      <h2 id="forms-heading">Your site’s own forms</h2>
      <p class="section-intro muted">
        Submissions of mapped forms in the range, and the leads they made or joined (a person who submits twice is one lead). Map forms under Sites › Forms.
      </p>
      {forms.length === 0 ? (
        <p class="muted">No mapped form was submitted in this range.</p>
      ) : (
        <TableCsv name="forms" title="Figures per form">
          <div class="table-scroll">
            <table class="data-table" aria-label="Figures per form">
              <thead>
                <tr>
                  <th scope="col">Form</th>
                  <th scope="col" class="num">
                    Submissions
                  </th>
                  <th scope="col" class="num">
                    Leads
                  </th>
                  <th scope="col" class="num">
                    MQL
                  </th>
                  <th scope="col" class="num">
                    Hot
                  </th>
                  <th scope="col" class="num">
                    Offered
                  </th>
                  <th scope="col" class="num">
                    Accepted
                  </th>
                  <th scope="col" class="num">
                    Median time to accept
                  </th>
                </tr>
              </thead>
              <tbody>
                {forms.map((f) => (
                  <tr key={`${f.siteId} ${f.key}`} data-form={f.key}>
                    <th scope="row">
                      {f.name}
                      <span class="muted"> · {f.siteName}</span>
                    </th>
                    <td class="num" data-figure="form-submissions">
                      {countText(f.numbers.submissions)}
                    </td>
                    <td class="num">{countText(f.numbers.leads)}</td>
                    <td class="num" data-figure="form-mql">
                      {countText(f.numbers.mql)}
                    </td>
                    <td class="num" data-figure="form-hot">
                      {countText(f.numbers.hot)}
                    </td>
                    <td class="num" data-figure="form-routed">
                      {countText(f.numbers.routed)}
                    </td>
                    <td class="num" data-figure="form-accepted">
                      {countText(f.numbers.accepted)}
                    </td>
                    <td class="num" data-figure="form-median-accept">
                      {spanText(f.numbers.medianAcceptMs)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </TableCsv>
      )}
    </section>
  );
}
