// Booking, moving and cancelling a visitor's meeting with one rep: the times are re-read, the
// rep's calendar is asked once more right before the commit, the store books atomically; then the
// event goes into the rep's calendar and the iTIP invites go out (after the commit, never
// blocking the visitor's answer; failures are logged).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CalendarPort } from '../calendar/calendar-port';
import { repTimeZone } from '../calendar/rep-zone';
import type { Store } from '../db/store';
import type { Mailer } from '../mail/mailer';
import type { Router } from '../routing/router';
import type { BookingSettings } from './booking-settings';
import { clearOf, firstStart, HORIZON_MS, repFreeAt, SLOT_STEP_MS, type Slot } from './booking-slots.core';
import type { Booking, BookResult } from './booking-store';
import { manageToken, readManageToken } from './manage-link';
import { meetingOutcome } from './meeting-figures.core';
import type { CallResult } from '../../shared/outcomes';
import { meetingMails } from './meeting-mails';
import { calendarObject, type MeetingDetails } from './meeting-ics';
import { busyBesides, isoStarts, type MeetingTimes, type MovingMeeting } from './meeting-times';

const MINUTE = 60_000;

export interface MeetingDeps {
  store: Store;
  calendar: CalendarPort;
  router: Router;
  mailer: Mailer;
  clock: () => number;
  log: Logger;
  /** Signs the visitor's move-or-cancel links. */
  secret: string;
}

export type BookOutcome =
  | { kind: 'booked'; booking: Booking }
  /** Taken meanwhile (another visitor, or the rep's calendar): the fresh times to pick from. */
  | { kind: 'taken'; slots: string[] }
  /** Never one of the times this lead could be offered (outside hours, too soon, off the grid). */
  | { kind: 'not_offered' }
  | { kind: 'not_waiting' }
  | { kind: 'not_found' };

export type Meetings = ReturnType<typeof createMeetings>;

export function createMeetings(deps: MeetingDeps) {
  const { store, calendar, router, clock, log } = deps;
  /** Side effects after commits, for tests and shutdown to wait on. */
  const pending = new Set<Promise<void>>();

  function later(what: string, run: () => Promise<void>) {
    const p = run()
      .catch((err) => log.error({ err }, `${what} failed`))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  /** A start any rep could hold were nobody busy: offered once, maybe taken since. */
  function couldBeOffered(times: MeetingTimes, start: number, now: number): boolean {
    if (start % SLOT_STEP_MS !== 0 || start < firstStart(now, times.settings) || start > now + HORIZON_MS) return false;
    return times.reps.some((rep) => repFreeAt(rep, [], start, times.settings));
  }

  /**
   * The rep's calendar read now: still clear around the meeting (a meeting being moved does not
   * clash with its own event there)? A calendar that cannot be read counts as clear.
   */
  async function stillFree(repId: string, start: number, settings: BookingSettings, now: number, moving: MovingMeeting | null): Promise<boolean> {
    const end = start + settings.meetingMinutes * MINUTE;
    const buffer = settings.bufferMinutes * MINUTE;
    const fresh = await calendar.freshBusyOf(repId, { start: start - buffer, end: end + buffer }, now);
    return clearOf(busyBesides(repId, fresh.busy, moving), start, end, settings.bufferMinutes);
  }

  /** Tries the reps free for the slot in order; the first the store books wins. */
  async function bookFirst(
    slot: Slot,
    settings: BookingSettings,
    now: number,
    book: (repId: string) => Promise<BookResult>,
    moving: MovingMeeting | null = null,
  ) {
    for (const repId of slot.repIds) {
      if (!(await stillFree(repId, slot.start, settings, now, moving))) continue;
      const r = await book(repId);
      if (r.ok || r.reason !== 'taken') return r;
    }
    return null;
  }

  /** What the event and the mails say about the lead. */
  async function detailsOf(booking: Booking, origin: string): Promise<MeetingDetails | null> {
    const card = await store.leadCard(booking.leadId, booking.workspaceId);
    if (!card) return null;
    return {
      booking,
      siteName: card.siteName,
      visitor: { name: card.name, email: card.email, phone: card.phone },
      answers: card.answers,
      reasons: card.qualification.reasons.map((r) => r.text),
      leadUrl: `${origin}/console/?lead=${encodeURIComponent(booking.leadId)}`,
    };
  }

  /** The signed token of the visitor's link to move or cancel this version (SEQUENCE) of the meeting. */
  function linkToken(booking: Booking): string {
    return manageToken(deps.secret, { bookingId: booking.id, sequence: booking.sequence, expiresAt: booking.end });
  }

  function manageUrl(booking: Booking, origin: string): string {
    return `${origin}/meetings/${linkToken(booking)}`;
  }

  /** After a commit: the visitor's widget, the rep's calendar and both mailboxes follow. */
  function announce(booking: Booking, origin: string, timeZone: string | null) {
    later('meeting announcement', async () => {
      await router.meetingChanged(booking.leadId);
      const details = await detailsOf(booking, origin);
      if (!details) return;
      const now = clock();
      const written =
        booking.status === 'cancelled'
          ? await calendar.removeMeeting(booking.repId, booking.uid)
          : await calendar.putMeeting(booking.repId, { uid: booking.uid, ics: calendarObject(details, now) });
      if (written === 'failed') log.warn({ bookingId: booking.id }, "the rep's calendar could not be written; the invite mail still goes out");
      if (!deps.mailer.enabled) return;
      const repZone = await repTimeZone(store, booking.workspaceId, booking.repId);
      for (const mail of meetingMails(details, { now, visitorZone: timeZone, repZone, manageUrl: manageUrl(booking, origin) })) await deps.mailer.send(mail);
    });
  }

  return {
    /** The visitor picked `start`: book it with the first free rep, or say why not. */
    async book(leadId: string, start: number, origin: string): Promise<BookOutcome> {
      const now = clock();
      const times = await router.slotsFor(leadId);
      if (!times) return { kind: 'not_found' };
      const slot = times.slots.find((s) => s.start === start);
      if (!slot) return couldBeOffered(times, start, now) ? { kind: 'taken', slots: isoStarts(times.slots) } : { kind: 'not_offered' };
      const r = await bookFirst(slot, times.settings, now, (repId) =>
        store.bookMeeting(
          { id: randomUUID(), uid: `${randomUUID()}@sixty`, leadId, repId, start, end: slot.end, bufferMs: times.settings.bufferMinutes * MINUTE },
          now,
        ),
      );
      if (r?.ok) {
        await router.scheduled(leadId, start);
        const facts = await store.leadCard(leadId, r.booking.workspaceId);
        announce(r.booking, origin, facts?.timeZone ?? null);
        return { kind: 'booked', booking: r.booking };
      }
      if (r && r.reason === 'not_waiting') return { kind: 'not_waiting' };
      const fresh = await router.slotsFor(leadId);
      return { kind: 'taken', slots: fresh ? isoStarts(fresh.slots) : [] };
    },

    /** Times the meeting may move to: the same rep's free times (the meeting keeps its rep and UID). */
    async timesToMove(booking: Booking): Promise<string[]> {
      const times = await router.slotsFor(booking.leadId, booking);
      if (!times) return [];
      return isoStarts(times.slots.filter((s) => s.repIds.includes(booking.repId) && s.start !== booking.start));
    },

    async move(booking: Booking, start: number, origin: string): Promise<BookOutcome> {
      const now = clock();
      const times = await router.slotsFor(booking.leadId, booking);
      if (!times) return { kind: 'not_found' };
      const slot = times.slots.find((s) => s.start === start && s.repIds.includes(booking.repId));
      if (!slot) return couldBeOffered(times, start, now) ? { kind: 'taken', slots: await this.timesToMove(booking) } : { kind: 'not_offered' };
      const r = await bookFirst(
        { ...slot, repIds: [booking.repId] },
        times.settings,
        now,
        () => store.moveMeeting(booking.id, start, slot.end, times.settings.bufferMinutes * MINUTE, now),
        booking,
      );
      if (r?.ok) {
        await router.scheduled(booking.leadId, start);
        const card = await store.leadCard(booking.leadId, booking.workspaceId);
        announce(r.booking, origin, card?.timeZone ?? null);
        return { kind: 'booked', booking: r.booking };
      }
      if (r && r.reason !== 'taken') return { kind: r.reason === 'not_found' ? 'not_found' : 'not_waiting' };
      return { kind: 'taken', slots: await this.timesToMove(booking) };
    },

    async cancel(booking: Booking, origin: string): Promise<Booking | null> {
      const cancelled = await store.cancelMeeting(booking.id, clock());
      if (!cancelled) return null;
      router.unscheduled(booking.leadId);
      const card = await store.leadCard(booking.leadId, booking.workspaceId);
      announce(cancelled, origin, card?.timeZone ?? null);
      return cancelled;
    },

    /** A call was logged on a lead: once its meeting's time has come, the first call says held or no-show. */
    async callLogged(leadId: string, call: CallResult | undefined): Promise<boolean> {
      const meeting = await store.meetingOfLead(leadId);
      const result = meeting && meetingOutcome(meeting, call, clock());
      return !!(meeting && result && (await store.recordMeetingResult(meeting.id, result, clock())));
    },

    manageUrl,
    linkToken,
    /** What a link grants, or why it is refused. */
    readLink: (token: unknown) => readManageToken(deps.secret, token, clock()),
    detailsOf,

    /** Resolves when the calendar writes and mails started so far are done (tests, shutdown). */
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
