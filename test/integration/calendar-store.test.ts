// Reps' calendar connections on every store backend (SQLite, and PostgreSQL/PGlite): saved and
// replaced per rep, read by rep, failures recorded with the first failure's time kept, a success
// clearing them, and disconnecting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCalendarConnection } from '../../server/calendar/calendar-store';
import { storeBackends, type OpenStore } from '../helpers/store-backends';

const NOW = Date.parse('2026-03-02T09:00:00Z');

function connection(repId: string, over: Partial<NewCalendarConnection> = {}): NewCalendarConnection {
  return {
    repId,
    workspaceId: 'ws-1',
    serverUrl: 'https://cal.example.test/',
    calendarUrl: `https://cal.example.test/${repId}/work/`,
    displayName: 'Work',
    username: repId,
    sealedPassword: 'v1:sealed',
    timeZone: 'Europe/Berlin',
    connectedAt: NOW,
    ...over,
  };
}

describe.each(storeBackends())('calendar connections on $name', (backend) => {
  let opened: OpenStore;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => opened.close());

  it('saves one calendar per rep, replacing it on reconnect, and reads it back as connected', async () => {
    const { calendars } = opened;
    await calendars.saveCalendar(connection('rep-a'));
    await calendars.saveCalendar(connection('rep-b', { timeZone: null }));
    await calendars.saveCalendar(connection('rep-a', { displayName: 'Home', calendarUrl: 'https://cal.example.test/rep-a/home/', connectedAt: NOW + 5 }));
    expect(await calendars.calendarOf('rep-a')).toEqual({
      ...connection('rep-a', { displayName: 'Home', calendarUrl: 'https://cal.example.test/rep-a/home/', connectedAt: NOW + 5 }),
      state: 'connected',
      lastReadOkAt: NOW + 5,
      lastFailedAt: null,
      downSince: null,
      lastError: null,
    });
    expect((await calendars.calendarsOf(['rep-a', 'rep-b', 'rep-none'])).map((c) => [c.repId, c.timeZone]).sort()).toEqual([
      ['rep-a', 'Europe/Berlin'],
      ['rep-b', null],
    ]);
    expect(await calendars.calendarsOf([])).toEqual([]);
    expect(await calendars.calendarOf('rep-none')).toBeNull();
  });

  it('records failures as down since the first one, and a later success as connected again', async () => {
    const { calendars } = opened;
    await calendars.saveCalendar(connection('rep-c'));
    await calendars.recordCalendarRead('rep-c', { ok: false, at: NOW + 1000, error: 'connection failed' });
    await calendars.recordCalendarRead('rep-c', { ok: false, at: NOW + 2000, error: 'timeout' });
    expect(await calendars.calendarOf('rep-c')).toMatchObject({
      state: 'down',
      downSince: NOW + 1000,
      lastFailedAt: NOW + 2000,
      lastError: 'timeout',
      lastReadOkAt: NOW,
    });
    await calendars.recordCalendarRead('rep-c', { ok: true, at: NOW + 3000 });
    expect(await calendars.calendarOf('rep-c')).toMatchObject({
      state: 'connected',
      downSince: null,
      lastError: null,
      lastReadOkAt: NOW + 3000,
      lastFailedAt: NOW + 2000,
    });
    // A read of a rep with no calendar records nothing and creates nothing.
    await calendars.recordCalendarRead('rep-none', { ok: false, at: NOW, error: 'x' });
    expect(await calendars.calendarOf('rep-none')).toBeNull();
  });

  it('disconnects', async () => {
    const { calendars } = opened;
    await calendars.saveCalendar(connection('rep-d'));
    expect(await calendars.removeCalendar('rep-d')).toBe(true);
    expect(await calendars.removeCalendar('rep-d')).toBe(false);
    expect(await calendars.calendarOf('rep-d')).toBeNull();
  });
});
