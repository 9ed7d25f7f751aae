// The routing adapter: wraps the pure decision core with the store, a scheduler and live pushes.
// Every decision is committed by the store first; pushes are derived from what was committed,
// so a lost message is recovered by a re-sync and a restart rebuilds every timer from the rows.
import type { Logger } from 'pino';
import type { LeadCard, OfferView, VisitorStatus } from '../../shared/api';
import type { Ack, OfferClosedReason } from '../../shared/live-events';
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { CaptureResult, CaptureRouting, OpenOffer, RouteResult, Store } from '../db/store';
import type { OnlineReps } from '../live/online-reps';
import { NO_CALENDARS, type CalendarPort } from '../calendar/calendar-port';
import type { Mailer } from '../mail/mailer';
import { managerAlertMails } from './manager-alert-mail';
import { isoStarts, meetingTimes, type MeetingTimes, type MovingMeeting } from '../booking/meeting-times';
import { decideRouting } from './decide-routing.core';
import { derivePresence } from './derive-presence.core';
import type { Presence, RoutingSnapshot } from './routing.types';
import { timerScheduler, type Scheduler } from './scheduler';
import { decideVisitorStatus, waitsInQueue, type VisitorFacts } from './visitor-status.core';
import { NO_DEVICE_PUSH, type DevicePush, type OfferMade } from '../push/device-push';

/** Callback times come from hours, not from who is online now. */
const NOBODY_ONLINE: ReadonlySet<string> = new Set();
import type { HandRaise } from './turn-hot.core';

/** The device port's view of a committed offer (`step` once the store reports it on the offer). */
const offerMade = (offer: OpenOffer & { step?: string }): OfferMade => ({
  offerId: offer.id,
  workspaceId: offer.workspaceId,
  leadId: offer.leadId,
  repId: offer.repId,
  expiresAt: offer.expiresAt,
  step: offer.step ?? 'team',
});

export interface Notifier {
  offerNew(repId: string, offer: OfferView): void;
  offerClosed(repId: string, offerId: string, reason: OfferClosedReason): void;
  leadUpdated(repId: string, lead: LeadCard): void;
  presenceChanged(repId: string, presence: ChosenPresence, reason?: string): void;
  visitorStatus(leadId: string, status: VisitorStatus): void;
}

export interface RouterDeps {
  store: Store;
  clock: () => number;
  online: OnlineReps;
  notify: Notifier;
  log: Logger;
  /** Real timers by default; the simulation passes a fake driven by its own clock. */
  scheduler?: Scheduler;
  /**
   * Several processes share the database (cluster mode): on start this process does not arm a
   * timer for every open offer, deadline and booked callback (each would fire in every process);
   * the sweeper (cluster-sweeper.ts) finds due work instead and the store's claims make each
   * happen once. Offers this process makes still get a local timer, the fast path.
   */
  clustered?: boolean;
  /** The reps' own calendars: busy times narrow the meeting times offered (none connected by default). */
  calendar?: CalendarPort;
  /** Reps' installed devices (Web Push): offers, their closing, manager alerts (none by default). */
  devices?: DevicePush;
  /** The escalation ladder's manager alert by email (off by default). */
  mailer?: Mailer;
  /** The console's address for links in mail (the public origin). */
  consoleUrl?: () => string;
}

const NO_MAIL: Mailer = { enabled: false, send: async () => {} };

export type Router = ReturnType<typeof createRouter>;

export function createRouter({
  store,
  clock,
  online,
  notify,
  log,
  scheduler: injected,
  clustered = false,
  calendar = NO_CALENDARS,
  devices = NO_DEVICE_PUSH,
  mailer = NO_MAIL,
  consoleUrl = () => '/console/',
}: RouterDeps) {
  const scheduler = injected ?? timerScheduler(clock, (err) => log.error({ err }, 'routing timer failed'));
  /** Work started after an answer was sent (re-routing after accept/decline), for idle(). */
  const background = new Set<Promise<void>>();
  let stopped = false;

  /** The routing decision at `now`, told who can take a browser call (live presence, which the store does not hold). */
  const decide = (now: number) => (s: RoutingSnapshot) => decideRouting({ ...s, callTabs: online.callTabs }, now);

  function later(key: string, at: number, run: () => Promise<unknown>) {
    if (!stopped) scheduler.set(key, at, async () => void (await run()));
  }

  function inBackground(what: string, run: () => Promise<void>) {
    const p = run()
      .catch((err) => log.error({ err }, `${what} failed`))
      .finally(() => background.delete(p));
    background.add(p);
  }

  /** Meeting times free for a lead nobody can take now (its visitor picks one). */
  async function timesOf(snapshot: RoutingSnapshot, now: number, moving: MovingMeeting | null = null): Promise<MeetingTimes | null> {
    const site = await store.siteOfLead(snapshot.lead.id);
    return site ? meetingTimes(store, calendar, snapshot, site.id, now, moving) : null;
  }

  /** The visitor's status from the lead's facts, with its meeting or the times it may book. */
  async function statusFrom(leadId: string, facts: VisitorFacts, snapshot: RoutingSnapshot | null): Promise<VisitorStatus> {
    const now = clock();
    const meeting = facts.routing === 'scheduled' ? await store.meetingOfLead(leadId) : null;
    const times = snapshot && waitsInQueue(facts) ? await timesOf(snapshot, now) : null;
    return decideVisitorStatus({ ...facts, meeting }, snapshot, now, times ? isoStarts(times.slots) : undefined);
  }

  async function statusOf(leadId: string): Promise<VisitorStatus | null> {
    const facts = await store.visitorFacts(leadId);
    if (!facts) return null;
    // Who could take the lead, and their hours, matter only while it waits in the queue.
    const snapshot = waitsInQueue(facts) ? await store.routingSnapshot(leadId, NOBODY_ONLINE) : null;
    return statusFrom(leadId, facts, snapshot);
  }

  async function pushVisitorStatus(leadId: string) {
    const status = await statusOf(leadId);
    if (status) notify.visitorStatus(leadId, status);
    return status;
  }

  /** Arms expiry timers and pushes each committed offer to its rep (`views`: cards already read with the commit) and their devices. */
  async function announce(offers: readonly OpenOffer[], read?: readonly OfferView[]) {
    // Read together: a broadcast's hundred offers share one lead card.
    const views = read ?? (offers.length ? await store.offerViews(offers.map((o) => o.id)) : []);
    for (const offer of offers) {
      later(`offer:${offer.id}`, offer.expiresAt, () => expire(offer.id));
      const view = views.find((v) => v.offerId === offer.id);
      if (view) notify.offerNew(offer.repId, view);
      devices.offerMade(offerMade(offer));
    }
  }

  /** An offer left `offered`: its rep's console and devices close it. */
  function offerClosed(repId: string, offerId: string, reason: OfferClosedReason) {
    notify.offerClosed(repId, offerId, reason);
    devices.offerClosed(repId, offerId, reason);
  }

  /**
   * The ladder's manager step, after the commit that recorded it: claimed first (once across
   * processes), then a push to each manager's devices and an email. Never delays routing.
   */
  function alertManagers(leadId: string) {
    inBackground('manager alert', async () => {
      const at = clock();
      const alert = await store.claimManagerAlert(leadId, at);
      if (!alert) return;
      for (const m of alert.managers) devices.notice(m.id, { kind: 'manager_alert', workspaceId: alert.workspaceId, leadId, at });
      if (!mailer.enabled) return;
      for (const mail of managerAlertMails(alert, consoleUrl())) {
        try {
          await mailer.send(mail);
        } catch (err) {
          log.warn({ err: (err as Error).message, leadId }, 'manager alert mail failed');
        }
      }
    });
  }

  /** Timers a routing pass asks for: the wake-up (owner wait over, hours opening) and the SLA check. */
  function arm(r: RouteResult) {
    if (r.wakeAt !== null) later(`wake:${r.leadId}`, r.wakeAt, () => routeOne(r.leadId));
    else scheduler.cancel(`wake:${r.leadId}`);
    // Deadlines that passed were checked then (or on start); only future ones need a timer.
    if (r.slaDueAt !== null && r.slaDueAt >= clock()) later(`sla:${r.leadId}`, r.slaDueAt, () => checkSla(r.leadId));
  }

  /**
   * After a routing pass: announce offers, arm the wake-up (owner wait over, hours opening), and
   * tell visitors whose lead was offered. Waits found in a workspace pass are not pushed: their
   * status did not change.
   */
  async function handle(results: readonly RouteResult[], pushWaits: boolean) {
    /** What each visitor was just told, for a caller that would otherwise read it again. */
    const told = new Map<string, VisitorStatus | null>();
    for (const r of results) {
      await announce(r.offers);
      arm(r);
      if (r.managerAlert) alertManagers(r.leadId);
      if (r.offers.length || pushWaits) told.set(r.leadId, await pushVisitorStatus(r.leadId));
    }
    return told;
  }

  /** Routes one lead; returns the status its visitor was told, or undefined when nothing was. */
  async function routeOne(leadId: string): Promise<VisitorStatus | null | undefined> {
    const now = clock();
    const result = await store.routeLead(leadId, now, online.set, decide(now));
    return result ? (await handle([result], true)).get(leadId) : undefined;
  }

  /** Every waiting lead of the workspace, oldest first: no periodic sweep, only on events. */
  async function routeWorkspace(workspaceId: string): Promise<readonly RouteResult[]> {
    const now = clock();
    const results = await store.routeWaiting(workspaceId, now, online.set, decide(now));
    await handle(results, false);
    return results;
  }

  /**
   * After an offer closed: route what waits, and tell the visitor what changed when no new offer
   * did (a new offer was pushed with its pass): their lead found nobody, or fewer reps are asked
   * (a broadcast's other offers still open).
   */
  async function afterClose(offer: OpenOffer) {
    const results = await routeWorkspace(offer.workspaceId);
    const reoffered = results.some((r) => r.leadId === offer.leadId && r.offers.length > 0);
    if (!reoffered) await pushVisitorStatus(offer.leadId);
  }

  async function checkSla(leadId: string) {
    const breach = await store.recordSlaBreach(leadId, clock());
    if (breach) log.info({ leadId, cause: breach.cause }, 'SLA breached');
  }

  async function expire(offerId: string) {
    const closed = await store.expireOffer(offerId, clock());
    if (!closed) return;
    const { offer } = closed;
    offerClosed(offer.repId, offer.id, 'expired');
    if (closed.away) notify.presenceChanged(offer.repId, 'away', closed.away.reason);
    // The lead (if nobody else holds it) and whoever waited for this rep's freed capacity.
    await afterClose(offer);
  }

  /** Routes what waits in every workspace (on start, and wake-ups armed by a process that is gone). */
  async function routeAllWaiting() {
    for (const workspaceId of await store.workspacesWaiting(clock())) await routeWorkspace(workspaceId);
  }

  function scheduled(leadId: string, at: number) {
    scheduler.cancel(`sla:${leadId}`);
    later(`scheduled:${leadId}`, at, () => scheduledDue(leadId));
  }

  /**
   * A booked callback's time came: it is routed like any hot lead (an offer reaches the rep's
   * devices as any offer does); when it was booked with a rep who was not offered it now (away,
   * offline, busy), their devices are told it is due.
   */
  async function scheduledDue(leadId: string) {
    await routeOne(leadId);
    const meeting = await store.meetingOfLead(leadId);
    if (!meeting || meeting.status !== 'active') return;
    if ((await store.openOffersForRep(meeting.repId)).some((o) => o.leadId === leadId)) return;
    devices.notice(meeting.repId, { kind: 'callback_due', workspaceId: meeting.workspaceId, leadId, at: meeting.start });
  }

  /** The lead's open follow-up (a new one after an outcome, or none: done, cleared): its notice's timer follows. */
  async function followUpChanged(leadId: string) {
    const [next] = await store.followUpNotices(leadId);
    if (next) later(`follow-up:${leadId}`, next.at, () => followUpDue(leadId));
    else scheduler.cancel(`follow-up:${leadId}`);
  }

  /** A follow-up's time came: its rep's devices are told once (the claim), whichever process gets there first. */
  async function followUpDue(leadId: string) {
    const due = await store.claimFollowUpNotice(leadId, clock());
    if (due) devices.notice(due.repId, { kind: 'follow_up_due', workspaceId: due.workspaceId, leadId, at: due.dueAt });
  }

  return {
    /** After a lead committed without routing (tests, simulations): offer it now (its SLA clock is already running). */
    async leadCaptured(leadId: string) {
      return routeOne(leadId);
    },

    /** The routing decisions a capture commits with its lead, in one transaction (capture/capture-lead.ts). */
    captureRouting(now: number): CaptureRouting {
      return { decide: decide(now), online: online.set, waitsInQueue };
    },

    /**
     * After a capture committed (and maybe routed) its lead: arms its timers, pushes its offers to
     * their reps and its status to the visitor, all from what the commit returned (no second
     * read). Returns what the visitor was told.
     */
    async captured(result: Extract<CaptureResult, { kind: 'created' }>): Promise<VisitorStatus> {
      const status = await statusFrom(result.leadId, result.visitor, result.queueSnapshot);
      if (result.routed) {
        await announce(result.routed.offers, result.offers);
        arm(result.routed);
        if (result.routed.managerAlert) alertManagers(result.leadId);
        notify.visitorStatus(result.leadId, status);
      }
      return status;
    },

    /** Offers created outside a routing pass (a supervisor's force-offer): arm and push them. */
    async offered(offers: readonly OpenOffer[]) {
      await announce(offers);
      for (const leadId of new Set(offers.map((o) => o.leadId))) await pushVisitorStatus(leadId);
    },

    /**
     * A known lead turned hot (scoring, a hand-raise event, a callback from a nurtured person):
     * marks it waiting unless it is already routed, owned or ruled out (a lead in nurture returns
     * from it), and routes it now. Returns what its visitor was told, when anything was.
     */
    async leadBecameHot(leadId: string, hand?: HandRaise): Promise<VisitorStatus | null | undefined> {
      if (!(await store.markHot(leadId, clock(), hand))) return undefined;
      return routeOne(leadId);
    },

    async accept(offerId: string, repId: string): Promise<Ack<LeadCard>> {
      const result = await store.acceptOffer(offerId, repId, clock());
      if (!result.ok) return { ok: false, error: result.error };
      scheduler.cancel(`offer:${offerId}`);
      scheduler.cancel(`wake:${result.leadId}`);
      scheduler.cancel(`sla:${result.leadId}`);
      for (const other of result.otherOffers) {
        scheduler.cancel(`offer:${other.id}`);
        offerClosed(other.repId, other.id, 'taken');
      }
      offerClosed(repId, offerId, 'accepted');
      const card = await store.leadCard(result.leadId, result.workspaceId);
      if (!card) return { ok: false, error: 'not_found' };
      notify.leadUpdated(repId, card);
      await pushVisitorStatus(result.leadId);
      // The accepted offer (and any taken ones) freed offer capacity: waiting leads may go now.
      inBackground('routing after accept', async () => void (await routeWorkspace(result.workspaceId)));
      return { ok: true, data: card };
    },

    async decline(offerId: string, repId: string, reason: string | null): Promise<Ack> {
      const closed = await store.declineOffer(offerId, repId, reason, clock());
      if (!closed) return { ok: false, error: 'not_found' };
      scheduler.cancel(`offer:${offerId}`);
      offerClosed(repId, offerId, 'declined');
      inBackground('routing after decline', () => afterClose(closed.offer));
      return { ok: true, data: undefined };
    },

    /** A rep came online, chose available, or freed capacity: offer waiting leads at once, oldest first. */
    async repAvailable(workspaceId: string) {
      await routeWorkspace(workspaceId);
    },

    /**
     * An outcome was logged: the rep's active leads went down, so waiting leads may go to them;
     * the lead's follow-up (`leadId`) may have been set, moved or closed, and its notice follows.
     */
    async outcomeLogged(workspaceId: string, leadId?: string) {
      if (leadId) await followUpChanged(leadId);
      await routeWorkspace(workspaceId);
    },

    /** A visitor booked a slot: the lead is offered at that time with the same reservation rules. */
    async scheduled(leadId: string, at: number) {
      scheduled(leadId, at);
    },

    /** The lead's meeting was booked, moved or cancelled: its visitor's open widget follows. */
    async meetingChanged(leadId: string) {
      await pushVisitorStatus(leadId);
    },

    /** A booked meeting was cancelled: nothing is offered at its time. */
    unscheduled(leadId: string) {
      scheduler.cancel(`scheduled:${leadId}`);
      scheduler.cancel(`sla:${leadId}`);
    },

    /**
     * Meeting times for a lead nobody can take now: within the hours of the reps who could take
     * it, clear of their calendars and Sixty meetings; each names the reps free for it. `moving`:
     * the lead's booked meeting whose new time is asked (its own time is not busy for it).
     */
    async slotsFor(leadId: string, moving: MovingMeeting | null = null): Promise<MeetingTimes | null> {
      const snapshot = await store.routingSnapshot(leadId, online.set);
      return snapshot ? timesOf(snapshot, clock(), moving) : null;
    },

    /** The calendars this router reads (booking writes meetings into the same ones). */
    calendar,

    /** The reps' devices this router pushes to (the rep socket asks it before "Available on my devices"). */
    devices,

    statusOf,

    /** Presence of every rep of the workspace: offline, away, busy (at capacity) or available. */
    async presenceOf(workspaceId: string): Promise<Array<{ repId: string; name: string; presence: Presence }>> {
      return (await store.repStates(workspaceId, online.set)).map((r) => ({ repId: r.repId, name: r.name, presence: derivePresence(r) }));
    },

    /**
     * Acts on work whose time has come, found in the database rather than in this process's
     * timers: offers past expiry (maybe made by a process that died), SLA deadlines, booked
     * callbacks, follow-ups due. Each step is a claim in the store, so two processes sweeping at once act once.
     */
    async sweep(limit = 100) {
      const due = await store.dueWork(clock(), limit);
      for (const offer of due.offers) await expire(offer.id);
      for (const leadId of due.sla) await checkSla(leadId);
      for (const leadId of due.scheduled) await scheduledDue(leadId);
      for (const leadId of due.followUps) await followUpDue(leadId);
      // Not counted: their claims run in the background, and a recount would sweep again at once.
      for (const leadId of await store.pendingManagerAlerts(limit)) alertManagers(leadId);
      return due.offers.length + due.sla.length + due.scheduled.length + due.followUps.length;
    },

    routeAllWaiting,

    /** Rebuilds timers from the database (nothing routing needs lives only in memory), then routes what waits. */
    async start() {
      stopped = false;
      // Alerts recorded by a process that stopped before sending them (each is claimed once).
      for (const leadId of await store.pendingManagerAlerts(100)) alertManagers(leadId);
      if (clustered) return routeAllWaiting();
      for (const offer of await store.openOffers()) later(`offer:${offer.id}`, offer.expiresAt, () => expire(offer.id));
      for (const s of await store.scheduledLeads()) scheduled(s.leadId, s.at);
      for (const s of await store.pendingSla()) later(`sla:${s.leadId}`, s.dueAt, () => checkSla(s.leadId));
      for (const f of await store.followUpNotices()) later(`follow-up:${f.leadId}`, f.at, () => followUpDue(f.leadId));
      await routeAllWaiting();
    },

    /** Resolves when work started in the background has finished (tests, simulation, shutdown). */
    async idle() {
      while (background.size) await Promise.all([...background]);
    },

    stop() {
      stopped = true;
      scheduler.clear();
    },
  };
}
