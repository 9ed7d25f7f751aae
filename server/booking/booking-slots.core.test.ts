// Meeting times: inside the rep's and the team's hours, clear of the rep's calendar and Sixty
// bookings with the buffer, after the notice; each time names the reps free for it in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weeklyHours } from '../routing/hours.core';
import { rep, rule, snapshot, team } from '../routing/routing.fixtures';
import { bookableReps, type BookableRep } from '../routing/slot-schedules.core';
import type { TimeRange } from '../calendar/calendar-port';
import { DEFAULT_BOOKING, type BookingSettings } from './booking-settings';
import { bookingSlots, repFreeAt, SLOT_STEP_MS } from './booking-slots.core';

// Monday 2026-11-23 07:00 UTC = 08:00 in Berlin.
const NOW = Date.parse('2026-11-23T07:00:00Z');
const BERLIN_DAY = weeklyHours('Europe/Berlin', [1, 2, 3, 4, 5], '09:00', '17:00');
const BERLIN_MORNING = weeklyHours('Europe/Berlin', [1, 2, 3, 4, 5], '09:00', '10:30');
const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const MIN = 60_000;

function ann(over: Partial<BookableRep> = {}): BookableRep {
  return { repId: 'ann', name: 'Ann', schedules: [[BERLIN_DAY, BERLIN_MORNING]], ...over };
}
const bo: BookableRep = { repId: 'bo', name: 'Bo', schedules: [[BERLIN_DAY]] };

const startsOf = (reps: BookableRep[], busy: Record<string, TimeRange[]> = {}, settings: BookingSettings = DEFAULT_BOOKING, count = 4) =>
  bookingSlots(reps, new Map(Object.entries(busy)), settings, NOW, count).map((s) => iso(s.start));

describe('bookingSlots', () => {
  it("offers the intersection of the team's hours and the rep's own, whole meetings only", () => {
    // 09:00 to 10:30 Berlin is 08:00 to 09:30 UTC: three half-hour meetings a morning.
    expect(startsOf([ann()])).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T08:30:00.000Z', '2026-11-23T09:00:00.000Z', '2026-11-24T08:00:00.000Z']);
    // An hour-long meeting must fit before 10:30: only 09:00 and 09:30 start one.
    const hour = { ...DEFAULT_BOOKING, meetingMinutes: 60 };
    expect(startsOf([ann()], {}, hour, 3)).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T08:30:00.000Z', '2026-11-24T08:00:00.000Z']);
  });

  it("leaves out the rep's calendar busy times and Sixty bookings, with the buffer around them", () => {
    const busy = { ann: [{ start: at('2026-11-23T08:30:00Z'), end: at('2026-11-23T09:00:00Z') }] };
    expect(startsOf([ann()], busy, DEFAULT_BOOKING, 3)).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z', '2026-11-24T08:00:00.000Z']);
    // A 10-minute buffer keeps the meetings on either side of it off too.
    const buffered = { ...DEFAULT_BOOKING, bufferMinutes: 10 };
    expect(startsOf([ann()], busy, buffered, 2)).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T08:30:00.000Z']);
  });

  it('starts no earlier than the notice allows', () => {
    const twoHours = { ...DEFAULT_BOOKING, noticeMinutes: 120 };
    expect(startsOf([ann()], {}, twoHours, 2)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-24T08:00:00.000Z']);
  });

  it('names every rep free for a time, in the order given (owner first, then routing order)', () => {
    const slots = bookingSlots(
      [bo, ann()],
      new Map([['bo', [{ start: at('2026-11-23T08:00:00Z'), end: at('2026-11-23T08:30:00Z') }]]]),
      DEFAULT_BOOKING,
      NOW,
      4,
    );
    expect(slots.map((s) => [iso(s.start), s.repIds])).toEqual([
      ['2026-11-23T08:00:00.000Z', ['ann']],
      ['2026-11-23T08:30:00.000Z', ['bo', 'ann']],
      ['2026-11-23T09:00:00.000Z', ['bo', 'ann']],
      ['2026-11-23T09:30:00.000Z', ['bo']],
    ]);
  });

  it('holds its promises whatever the hours, busy times and settings (property)', () => {
    const range = fc.record({ offset: fc.integer({ min: 0, max: 5 * 24 * 60 }), length: fc.integer({ min: 1, max: 300 }) });
    const toRange = (r: { offset: number; length: number }) => ({ start: NOW + r.offset * MIN, end: NOW + (r.offset + r.length) * MIN });
    const settings = fc.record({
      meetingMinutes: fc.constantFrom(15, 30, 45, 60),
      noticeMinutes: fc.integer({ min: 0, max: 600 }),
      bufferMinutes: fc.integer({ min: 0, max: 30 }),
    });
    const zone = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata');
    const hours = fc.record({ zone, open: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 8 }) });
    const hh = (h: number) => `${String(Math.min(h, 24)).padStart(2, '0')}:00`;
    fc.assert(
      fc.property(
        fc.array(hours, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(range, { maxLength: 4 }), { minLength: 3, maxLength: 3 }),
        settings,
        (hs, busyLists, s) => {
          const reps = hs.map((h, i) => ({
            repId: `r${i}`,
            name: `r${i}`,
            schedules: [[weeklyHours(h.zone, [1, 2, 3, 4, 5], hh(h.open), hh(h.open + h.length))]],
          }));
          const busy = new Map(reps.map((r, i) => [r.repId, busyLists[i]!.map(toRange)]));
          const slots = bookingSlots(reps, busy, s, NOW, 5);
          for (const [i, slot] of slots.entries()) {
            expect(slot.start).toBeGreaterThanOrEqual(NOW + s.noticeMinutes * MIN);
            expect(slot.start % SLOT_STEP_MS).toBe(0);
            if (i > 0) expect(slot.start).toBeGreaterThan(slots[i - 1]!.start);
            // Exactly the reps free for it, in the given order.
            expect(slot.repIds).toEqual(reps.filter((r) => repFreeAt(r, busy.get(r.repId)!, slot.start, s)).map((r) => r.repId));
            for (const id of slot.repIds) {
              for (const b of busy.get(id)!) expect(b.end <= slot.start - s.bufferMinutes * MIN || b.start >= slot.end + s.bufferMinutes * MIN).toBe(true);
            }
          }
          // More busy time never adds a time.
          const busier = new Map([...busy].map(([id, list]) => [id, [...list, { start: NOW + 600 * MIN, end: NOW + 900 * MIN }]]));
          const fewer = bookingSlots(reps, busier, s, NOW, 50).map((x) => x.start);
          const all = bookingSlots(reps, busy, s, NOW, 50).map((x) => x.start);
          expect(fewer.filter((t) => t <= (all.at(-1) ?? 0)).every((t) => all.includes(t))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('bookableReps', () => {
  const US = weeklyHours('America/New_York', [1, 2, 3, 4, 5], '09:00', '17:00');
  it('puts the owner first, then the team least recently offered first, and leaves out reps the rule rules out', () => {
    const s = snapshot({
      rules: [rule('r', 'sales', { requires: { skills: ['kitchens'], languages: [], territory: false } })],
      teams: [team('sales', ['ann', 'bo', 'cy'], { hours: US })],
      reps: [
        rep('ann', { skills: ['kitchens'], offerSeq: 5 }),
        rep('bo', { skills: ['kitchens'], offerSeq: 2 }),
        rep('cy', { skills: [] }),
        rep('owner', { skills: ['kitchens'], online: false }),
      ],
      accountOwnerId: 'owner',
    });
    expect(bookableReps(s).map((r) => r.repId)).toEqual(['owner', 'bo', 'ann']);
    // The owner works the team's hours too: no meeting at 3 am.
    expect(bookableReps(s)[0]!.schedules).toEqual([[US]]);
  });

  it('never offers a rep who declined the lead', () => {
    const s = snapshot({ rules: [rule('r', 'sales')], teams: [team('sales', ['ann', 'bo'])], reps: [rep('ann'), rep('bo')] });
    s.offers = [{ repId: 'ann', status: 'declined', offeredAt: 0 }];
    expect(bookableReps(s).map((r) => r.repId)).toEqual(['bo']);
  });
});
