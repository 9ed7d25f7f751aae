// Meetings visitors booked when nobody could call them at once: how many, moved or cancelled by
// the visitor, and at their time held or a no-show (the booked rep's first call says which).
import type { MeetingFigures } from '../../../shared/console-api';
import { countText } from './figures';
import { TableCsv } from './TableCsv';

const ROWS: Array<[keyof MeetingFigures, string]> = [
  ['booked', 'Booked (time in the range)'],
  ['moved', 'Moved by the visitor'],
  ['cancelled', 'Cancelled by the visitor'],
  ['held', 'Held: the visitor was reached'],
  ['noShow', 'No-show: not reached at the time'],
  ['notLogged', 'Time passed, no call logged yet'],
  ['upcoming', 'Still to come'],
];

export function MeetingsSection({ meetings }: { meetings: MeetingFigures }) {
  return (
    <section class="panel numbers-section" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">Booked meetings</h2>
      <p class="section-intro muted">Meetings visitors booked with a rep when nobody could call them at once, by their time.</p>
      <TableCsv name="meetings" title="Booked meetings">
        <table class="data-table" aria-label="Booked meetings">
          <tbody>
            {ROWS.map(([key, label]) => (
              <tr key={key} data-meetings={key}>
                <th scope="row">{label}</th>
                <td class="num">{countText(meetings[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableCsv>
    </section>
  );
}
