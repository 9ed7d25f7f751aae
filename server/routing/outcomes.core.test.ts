// Presence, the SLA breach cause and the follow-up cadence.
import { describe, expect, it } from 'vitest';
import { derivePresence } from './derive-presence.core';
import { weeklyHours } from './hours.core';
import { DEFAULT_CADENCE, planFollowUp } from './plan-follow-up.core';
import { rep } from './routing.fixtures';
import { slaBreachCause } from './sla-cause.core';

describe('derivePresence', () => {
  it('is offline without a connection, away by choice, busy at capacity, else available', () => {
    expect(derivePresence(rep('a', { online: false }))).toBe('offline');
    expect(derivePresence(rep('a', { chosen: 'away' }))).toBe('away');
    expect(derivePresence(rep('a', { openOffers: 1 }))).toBe('busy');
    expect(derivePresence(rep('a', { activeLeads: 5 }))).toBe('busy');
    expect(derivePresence(rep('a', { offerCapacity: 2, openOffers: 1 }))).toBe('available');
    expect(derivePresence(rep('a'))).toBe('available');
  });
});

describe('slaBreachCause', () => {
  it('blames timeouts when an offer ran out or is still open at the deadline', () => {
    expect(
      slaBreachCause(
        [
          { repId: 'a', status: 'declined', offeredAt: 0 },
          { repId: 'b', status: 'expired', offeredAt: 1 },
        ],
        null,
      ),
    ).toBe('timeouts');
    expect(slaBreachCause([{ repId: 'a', status: 'offered', offeredAt: 0 }], null)).toBe('timeouts');
  });

  it('says all declined when every offer was declined', () => {
    expect(slaBreachCause([{ repId: 'a', status: 'declined', offeredAt: 0 }], 'nobody_online')).toBe('all_declined');
  });

  it('without offers, gives the reason the lead waited', () => {
    expect(slaBreachCause([], 'nobody_online')).toBe('nobody_online');
    expect(slaBreachCause([], 'nobody_available')).toBe('nobody_online');
    expect(slaBreachCause([], 'out_of_hours')).toBe('out_of_hours');
    expect(slaBreachCause([], 'all_busy')).toBe('all_busy');
  });
});

describe('planFollowUp', () => {
  const weekdays = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');
  const monday10 = Date.parse('2026-11-23T10:00:00Z');

  it('schedules six attempts over ten business days, then returns the lead to nurture', () => {
    let now = monday10;
    const due: string[] = [];
    for (let made = 1; made <= 5; made++) {
      const plan = planFollowUp(made, DEFAULT_CADENCE, weekdays, now);
      expect(plan).toMatchObject({ kind: 'next', attempt: made + 1 });
      if (plan.kind === 'next') {
        due.push(new Date(plan.dueAt).toISOString().slice(0, 10));
        now = plan.dueAt;
      }
    }
    // Offsets 0,1,2,4,7,10 business days from Monday 23 Nov.
    expect(due).toEqual(['2026-11-24', '2026-11-25', '2026-11-27', '2026-12-02', '2026-12-07']);
    expect(planFollowUp(6, DEFAULT_CADENCE, weekdays, now)).toEqual({ kind: 'nurture', reason: 'no contact after 6 attempts' });
  });

  it('follows a shorter cadence of the site', () => {
    expect(planFollowUp(2, { offsetsBusinessDays: [0, 3] }, weekdays, monday10)).toEqual({ kind: 'nurture', reason: 'no contact after 2 attempts' });
    expect(planFollowUp(1, { offsetsBusinessDays: [0, 3] }, weekdays, monday10)).toEqual({
      kind: 'next',
      attempt: 2,
      dueAt: Date.parse('2026-11-26T10:00:00Z'),
    });
  });
});
