// A rep's calendar in memory, behind the same CalendarPort the real CalDAV side implements:
// tests set busy ranges (also ones only a fresh read sees: booked in the calendar after the
// visitor was shown the times) and read back the meetings written and removed.
import type { CalendarMeeting, CalendarPort, RepBusy, TimeRange, WriteResult } from '../../server/calendar/calendar-port';

export class FakeCalendar implements CalendarPort {
  /** Busy times the cached read (busyOf) and the fresh read both see. */
  readonly busy = new Map<string, TimeRange[]>();
  /** Busy times only the fresh read sees, as an event added to the calendar a moment ago. */
  readonly lateBusy = new Map<string, TimeRange[]>();
  readonly meetings = new Map<string, CalendarMeeting>();
  readonly writes: Array<{ repId: string; kind: 'put' | 'remove'; uid: string; ics?: string }> = [];
  freshReads = 0;

  private overlapping(list: readonly TimeRange[] | undefined, range: TimeRange) {
    return (list ?? []).filter((b) => b.start < range.end && range.start < b.end);
  }

  async busyOf(repIds: readonly string[], range: TimeRange): Promise<RepBusy[]> {
    return repIds.map((repId) => ({ repId, busy: this.overlapping(this.busy.get(repId), range), calendar: 'connected', readAt: 0 }));
  }

  async freshBusyOf(repId: string, range: TimeRange): Promise<RepBusy> {
    this.freshReads++;
    // A fresh read refreshes what the cached read sees too, as the real calendar's cache does.
    const late = this.lateBusy.get(repId) ?? [];
    this.lateBusy.delete(repId);
    this.busy.set(repId, [...(this.busy.get(repId) ?? []), ...late]);
    return { repId, busy: this.overlapping(this.busy.get(repId), range), calendar: 'connected', readAt: 0 };
  }

  async putMeeting(repId: string, meeting: CalendarMeeting): Promise<WriteResult> {
    this.meetings.set(meeting.uid, meeting);
    this.writes.push({ repId, kind: 'put', uid: meeting.uid, ics: meeting.ics });
    return 'written';
  }

  async removeMeeting(repId: string, uid: string): Promise<WriteResult> {
    this.meetings.delete(uid);
    this.writes.push({ repId, kind: 'remove', uid });
    return 'written';
  }
}
