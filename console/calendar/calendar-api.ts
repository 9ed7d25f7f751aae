// The signed-in user's own calendar endpoints (same-origin, session cookie).
import type { CalendarConnectBody, CalendarLoginBody, CalendarView, DiscoveredCalendars, MyCalendar } from '../../shared/console-api';
import { request } from '../api';

const path = '/v1/console/calendar';

export const calendarApi = {
  mine: () => request<MyCalendar>('GET', path),
  discover: (body: CalendarLoginBody) => request<DiscoveredCalendars>('POST', `${path}/discover`, body, false),
  connect: (body: CalendarConnectBody) => request<CalendarView>('PUT', path, body, false),
  test: () => request<CalendarView>('POST', `${path}/test`, undefined, false),
  disconnect: () => request<void>('DELETE', path),
};
