import { describe, expect, it } from 'vitest';
import { meetingFigures, meetingOutcome, type MeetingRow } from './meeting-figures.core';

const NOW = 1_000_000;
const row = (over: Partial<MeetingRow>): MeetingRow => ({ start: NOW - 1, status: 'active', sequence: 0, result: null, ...over });

describe('meeting figures', () => {
  it('counts held, no-shows, cancels, moves, those not logged yet and those to come', () => {
    const rows = [
      row({ result: 'meeting_held' }),
      row({ result: 'meeting_no_show', sequence: 1 }),
      row({ status: 'cancelled', sequence: 1 }),
      row({ status: 'cancelled', sequence: 3 }),
      row({}),
      row({ start: NOW + 1 }),
    ];
    expect(meetingFigures(rows, NOW)).toEqual({ booked: 6, moved: 2, cancelled: 2, held: 1, noShow: 1, notLogged: 1, upcoming: 1 });
  });

  it('reads a call at or after the meeting time as held (connected) or a no-show (anything else), never before it', () => {
    const m = { start: NOW, status: 'active' as const };
    expect(meetingOutcome(m, 'connected', NOW)).toBe('meeting_held');
    for (const call of ['no_answer', 'voicemail', 'wrong_number'] as const) expect(meetingOutcome(m, call, NOW)).toBe('meeting_no_show');
    expect(meetingOutcome(m, 'no_answer', NOW - 1)).toBeNull();
    expect(meetingOutcome(m, undefined, NOW)).toBeNull();
    expect(meetingOutcome({ ...m, status: 'cancelled' }, 'no_answer', NOW)).toBeNull();
  });
});
