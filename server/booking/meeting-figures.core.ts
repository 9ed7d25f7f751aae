// How booked meetings went, for the Numbers page, and whether a logged call made a meeting held
// or a no-show. Pure: (rows, now) and (meeting, call, now).
import type { CallResult } from '../../shared/outcomes';
import type { MeetingFigures } from '../../shared/console-api';

/** A meeting as the report reads it: its state, and the first held or no-show line after its start. */
export interface MeetingRow {
  start: number;
  status: 'active' | 'cancelled';
  /** The iCalendar SEQUENCE: each move and the cancel raised it by one. */
  sequence: number;
  result: 'meeting_held' | 'meeting_no_show' | null;
}

export function meetingFigures(rows: readonly MeetingRow[], now: number): MeetingFigures {
  const f: MeetingFigures = { booked: rows.length, moved: 0, cancelled: 0, held: 0, noShow: 0, notLogged: 0, upcoming: 0 };
  for (const r of rows) {
    // The cancel raised the SEQUENCE once more than the moves did.
    if (r.sequence - (r.status === 'cancelled' ? 1 : 0) > 0) f.moved++;
    if (r.status === 'cancelled') f.cancelled++;
    else if (r.result === 'meeting_held') f.held++;
    else if (r.result === 'meeting_no_show') f.noShow++;
    else if (r.start > now) f.upcoming++;
    else f.notLogged++;
  }
  return f;
}

/** What a call logged on a lead says about its meeting, once the meeting's time has come. */
export function meetingOutcome(
  meeting: { start: number; status: 'active' | 'cancelled' },
  call: CallResult | undefined,
  now: number,
): 'meeting_held' | 'meeting_no_show' | null {
  if (!call || meeting.status !== 'active' || now < meeting.start) return null;
  return call === 'connected' ? 'meeting_held' : 'meeting_no_show';
}
