// The routing adapter: wraps the pure decision (routing.core) with the store, timers and pushes.
// Every push is derived from committed state, so a lost message is recovered by a re-sync.
import type { OfferView, VisitorStatus, LeadCard } from '../../shared/api';
import type { Ack, OfferClosedReason } from '../../shared/live-events';
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { OpenOffer, Store } from '../db/store';
import type { OnlineReps } from '../live/online-reps';
import { callbackSlots } from '../callbacks/slots';
import { chooseRep } from './routing.core';
import type { Logger } from 'pino';

/** A rep who lets this many offers in a row expire is set away and told why. */
export const MISSED_OFFERS_BEFORE_AWAY = 2;

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
}

export type Router = ReturnType<typeof createRouter>;

export function createRouter({ store, clock, online, notify, log }: RouterDeps) {
  const timers = new Map<string, NodeJS.Timeout>();
  const missedInARow = new Map<string, number>();
  let stopped = false;

  function later(key: string, at: number, run: () => Promise<void>) {
    if (stopped) return;
    clearTimeout(timers.get(key));
    const timer = setTimeout(() => {
      timers.delete(key);
      run().catch((err) => log.error({ err }, 'routing timer failed'));
    }, Math.max(0, at - clock()));
    timer.unref();
    timers.set(key, timer);
  }

  async function statusOf(leadId: string): Promise<VisitorStatus | null> {
    const site = await store.siteOfLead(leadId);
    if (!site) return null;
    return store.visitorStatus(leadId, clock(), () => callbackSlots(clock(), site.hours));
  }

  async function pushVisitorStatus(leadId: string) {
    const status = await statusOf(leadId);
    if (status) notify.visitorStatus(leadId, status);
  }

  /** Pushes a committed offer to its rep and arms its expiry timer. */
  async function announce(offer: OpenOffer) {
    later(`offer:${offer.id}`, offer.expiresAt, () => expire(offer.id));
    const view = await store.offerView(offer.id);
    if (view) notify.offerNew(offer.repId, view);
  }

  /** Offers a waiting lead to the next eligible rep. Returns whether an offer was made. */
  async function route(leadId: string): Promise<boolean> {
    const now = clock();
    const offer = await store.offerNext(leadId, now, online.set, (c) => chooseRep(c, now));
    if (offer) await announce(offer);
    return offer !== null;
  }

  async function expire(offerId: string) {
    const offer = await store.expireOffer(offerId, clock());
    if (!offer) return;
    notify.offerClosed(offer.repId, offer.id, 'expired');
    const missed = (missedInARow.get(offer.repId) ?? 0) + 1;
    missedInARow.set(offer.repId, missed);
    if (missed >= MISSED_OFFERS_BEFORE_AWAY) {
      missedInARow.delete(offer.repId);
      await store.setPresence(offer.repId, 'away');
      notify.presenceChanged(offer.repId, 'away', `You missed ${missed} offers in a row, so we set you away.`);
    }
    const offered = await route(offer.leadId);
    if (!offered) await pushVisitorStatus(offer.leadId);
  }

  return {
    /** After a callback committed with (or without) its first offer. */
    async leadCaptured(leadId: string, offer: OpenOffer | null) {
      if (offer) await announce(offer);
    },

    async accept(offerId: string, repId: string): Promise<Ack<LeadCard>> {
      const result = await store.acceptOffer(offerId, repId, clock());
      if (!result.ok) return { ok: false, error: result.error };
      clearTimeout(timers.get(`offer:${offerId}`));
      timers.delete(`offer:${offerId}`);
      missedInARow.delete(repId);
      for (const other of result.otherOffers) notify.offerClosed(other.repId, other.id, 'taken');
      notify.offerClosed(repId, offerId, 'accepted');
      const workspaceId = await store.leadWorkspace(result.leadId);
      const card = workspaceId ? await store.leadCard(result.leadId, workspaceId) : null;
      if (!card) return { ok: false, error: 'not_found' };
      notify.leadUpdated(repId, card);
      await pushVisitorStatus(result.leadId);
      return { ok: true, data: card };
    },

    async decline(offerId: string, repId: string, reason: string | null): Promise<Ack> {
      const offer = await store.declineOffer(offerId, repId, reason, clock());
      if (!offer) return { ok: false, error: 'not_found' };
      clearTimeout(timers.get(`offer:${offerId}`));
      timers.delete(`offer:${offerId}`);
      notify.offerClosed(repId, offerId, 'declined');
      const offered = await route(offer.leadId);
      if (!offered) await pushVisitorStatus(offer.leadId);
      return { ok: true, data: undefined };
    },

    /** A rep came online or chose available: offer waiting leads at once, oldest first. */
    async repAvailable(workspaceId: string) {
      for (const leadId of await store.waitingLeads(workspaceId, clock())) {
        if (await route(leadId)) await pushVisitorStatus(leadId);
      }
    },

    async scheduled(leadId: string, at: number) {
      later(`scheduled:${leadId}`, at, async () => {
        if (await route(leadId)) await pushVisitorStatus(leadId);
      });
    },

    statusOf,

    /** Rebuilds timers from the database: nothing routing needs lives only in memory. */
    async start() {
      for (const offer of await store.openOffers()) later(`offer:${offer.id}`, offer.expiresAt, () => expire(offer.id));
      for (const s of await store.scheduledLeads()) await this.scheduled(s.leadId, s.at);
    },

    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
