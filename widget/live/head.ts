// What replaces the panel header's promise ("{site} will call you back within 60 seconds") once
// it no longer holds: closed, nobody free, booked, ended. Null while it does (finding, accepted).
import type { VisitorStatus } from '../../shared/api';
import type { LiveTexts } from './texts';

export function headOf(status: VisitorStatus, t: LiveTexts): string | null {
  switch (status.state) {
    case 'no_rep':
      return status.why == 'closed' ? t.headClosed : status.why == 'book' ? t.headBook : t.headLater;
    case 'scheduled':
      return t.headBooked;
    case 'ended':
    case 'closed':
      return t.headEnded;
    default:
      return null;
  }
}
