// The rep's live state: connection, presence and pending offers, kept in step with the /rep socket.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LeadCard, OfferView } from '../../shared/api';
import type { OfferClosedReason } from '../../shared/live-events';
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import { api, ApiFailure } from '../api';
import { acceptErrorText, connectRep, emitWithAck, type RepSocket } from '../live';
import { SyncReplay, type Change } from './sync-replay';

/** `offline`: the browser says the network is gone; the socket reconnects when it is back. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** An offer on screen; `closedText` keeps a closed one visible briefly to say why it went. */
export interface OfferItem {
  offer: OfferView;
  busy?: 'accept' | 'decline';
  closedText?: string;
}

/** How long a closed offer's note stays in place of its card. */
const CLOSED_NOTE_MS = 4000;
/** Drop offers the server never closed (e.g. lost connection) this long after they expired. */
const STALE_OFFER_MS = 5000;
/** Delay before retrying a handshake the server refused while the session is still valid. */
const RETRY_MS = 3000;

const CLOSED_TEXT: Partial<Record<OfferClosedReason, string>> = {
  taken: 'Taken by someone else',
  expired: 'Offer expired',
};

/** When the same rep answered elsewhere (another tab, or a device alert's Accept or Decline): this tab says so instead of just dropping the card. */
const ELSEWHERE_TEXT: Partial<Record<OfferClosedReason, string>> = {
  accepted: 'You accepted it elsewhere (another tab or a device alert)',
  declined: 'You declined it elsewhere (another tab or a device alert)',
};

interface Handlers {
  onLeadUpdated: (lead: LeadCard) => void;
  /** Another tab of this rep accepted the offer for this lead. */
  onAcceptedElsewhere: (leadId: string) => void;
  onSignedOut: () => void;
  notify: (text: string, tone?: 'info' | 'error') => void;
}

function byExpiry(a: OfferItem, b: OfferItem) {
  return a.offer.expiresAt - b.offer.expiresAt;
}

export function useRepChannel(handlers: Handlers) {
  const [connection, setConnection] = useState<Connection>('connecting');
  const [presence, setPresenceState] = useState<ChosenPresence | null>(null);
  const [presenceBusy, setPresenceBusy] = useState(false);
  const [offers, setOfferState] = useState<OfferItem[]>([]);
  const socketRef = useRef<RepSocket | null>(null);
  /** The offers as of the last change, even before the render that shows it. */
  const offersRef = useRef(offers);
  const setOffers = useCallback((change: Change<OfferItem[]>) => {
    offersRef.current = change(offersRef.current);
    setOfferState(offersRef.current);
  }, []);
  /** Offers this tab is answering: their `offer:closed` echo is ours, not another tab's. */
  const answering = useRef(new Set<string>());
  const on = useRef(handlers);
  on.current = handlers;
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const later = useCallback((fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      fn();
    }, ms);
    timers.current.add(timer);
  }, []);

  const removeOffer = useCallback((offerId: string) => setOffers((all) => all.filter((o) => o.offer.offerId !== offerId)), [setOffers]);

  /** Replace the card with a note saying why it went, then remove it. */
  const closeWithNote = useCallback(
    (offerId: string, text: string, record: (change: Change<OfferItem[]>) => Change<OfferItem[]> = (c) => c) => {
      setOffers(record((all) => all.map((o) => (o.offer.offerId === offerId ? { ...o, busy: undefined, closedText: text } : o))));
      // Recorded like the note: a sync answered after this must not bring the card back.
      later(() => setOffers(record((all) => all.filter((o) => o.offer.offerId !== offerId))), CLOSED_NOTE_MS);
    },
    [later, setOffers],
  );

  useEffect(() => {
    const socket = connectRep();
    socketRef.current = socket;
    let stopped = false;
    // Pushes that overtake a sync's answer are applied again on top of its snapshot.
    const offerPushes = new SyncReplay<OfferItem[]>();
    const presencePushes = new SyncReplay<ChosenPresence | null>();
    const pushed = (change: Change<OfferItem[]>) => setOffers(offerPushes.note(change));
    const reconnect = () => {
      if (!stopped) socket.connect();
    };

    /** A refused handshake: signed out, or a passing server problem worth retrying. */
    const checkSession = () => {
      api.me().then(
        () => later(reconnect, RETRY_MS),
        (err) => {
          if (stopped) return;
          if (err instanceof ApiFailure && err.status === 401) on.current.onSignedOut();
          else later(reconnect, RETRY_MS);
        },
      );
    };

    socket.on('connect', () => {
      setConnection('live');
      // Committed state wins over whatever this tab saw before the (re)connect.
      const tickets = { offers: offerPushes.begin(), presence: presencePushes.begin() };
      emitWithAck(socket, 'offers:sync')
        .then((r) => {
          if (!r.ok) throw new Error(r.error);
          const offersNow = offerPushes.settle(tickets.offers, r.data.offers.map((offer) => ({ offer })).sort(byExpiry));
          // Null: a newer sync (after a reconnect) superseded this one; its answer will do.
          if (!offersNow) return;
          setOffers(() => offersNow);
          setPresenceState(presencePushes.settle(tickets.presence, r.data.presence));
        })
        .catch(() => {
          offerPushes.abandon(tickets.offers);
          presencePushes.abandon(tickets.presence);
          on.current.notify('Could not load your offers. Retrying on reconnect.', 'error');
        });
    });
    socket.on('disconnect', (reason) => {
      setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      if (reason === 'io server disconnect') checkSession();
    });
    socket.on('connect_error', () => {
      setConnection((c) => (!navigator.onLine ? 'offline' : c === 'connecting' ? c : 'reconnecting'));
      if (!socket.active) checkSession();
    });

    socket.on('offer:new', (offer) => {
      pushed((all) => [...all.filter((o) => o.offer.offerId !== offer.offerId), { offer }].sort(byExpiry));
    });
    socket.on('offer:closed', ({ offerId, reason }) => {
      const item = offersRef.current.find((o) => o.offer.offerId === offerId);
      const elsewhere = !answering.current.has(offerId) ? ELSEWHERE_TEXT[reason] : undefined;
      const text = CLOSED_TEXT[reason] ?? elsewhere;
      if (text) closeWithNote(offerId, text, (change) => offerPushes.note(change));
      else pushed((all) => all.filter((o) => o.offer.offerId !== offerId));
      if (elsewhere && reason === 'accepted' && item) on.current.onAcceptedElsewhere(item.offer.leadId);
    });
    socket.on('lead:updated', (lead) => on.current.onLeadUpdated(lead));
    socket.on('presence:changed', ({ presence: next, reason }) => {
      setPresenceState(presencePushes.note(() => next)(null));
      if (reason) on.current.notify(reason);
    });

    // The browser knows before socket.io's heartbeat does. Back online, a fresh connection
    // re-syncs from the server: the old one may look alive but have lost what was sent meanwhile.
    const wentOffline = () => setConnection('offline');
    const cameOnline = () => {
      setConnection('reconnecting');
      socket.disconnect();
      socket.connect();
    };
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameOnline);
    if (!navigator.onLine) setConnection('offline');

    const sweep = setInterval(() => {
      const cutoff = Date.now() - STALE_OFFER_MS;
      setOffers((all) => (all.some((o) => o.offer.expiresAt < cutoff) ? all.filter((o) => o.offer.expiresAt >= cutoff) : all));
    }, 1000);

    return () => {
      stopped = true;
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      clearInterval(sweep);
      timers.current.forEach(clearTimeout);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [later, closeWithNote, setOffers]);

  const setPresence = useCallback(async (next: ChosenPresence) => {
    const socket = socketRef.current;
    if (!socket) return;
    setPresenceBusy(true);
    try {
      const r = await emitWithAck(socket, 'presence:set', next);
      if (r.ok) setPresenceState(r.data.presence);
      else on.current.notify(r.message ?? 'Could not change your status.', 'error');
    } catch {
      on.current.notify('No answer from the server. Your status did not change.', 'error');
    } finally {
      setPresenceBusy(false);
    }
  }, []);

  const markBusy = (offerId: string, busy: OfferItem['busy']) => setOffers((all) => all.map((o) => (o.offer.offerId === offerId ? { ...o, busy } : o)));

  /** Resolves with the lead card when this rep won the offer, null otherwise. */
  const accept = useCallback(
    async (offerId: string): Promise<LeadCard | null> => {
      const socket = socketRef.current;
      if (!socket) return null;
      markBusy(offerId, 'accept');
      answering.current.add(offerId);
      try {
        const r = await emitWithAck(socket, 'offer:accept', { offerId });
        if (r.ok) {
          removeOffer(offerId);
          return r.data;
        }
        if (r.error === 'already_taken' || r.error === 'expired' || r.error === 'not_found') {
          closeWithNote(offerId, acceptErrorText(r.error));
        } else {
          markBusy(offerId, undefined);
          on.current.notify(acceptErrorText(r.error), 'error');
        }
      } catch {
        markBusy(offerId, undefined);
        on.current.notify(acceptErrorText('timeout'), 'error');
      } finally {
        // Kept a little longer: the server's `offer:closed` echo may trail the acknowledgement.
        later(() => answering.current.delete(offerId), CLOSED_NOTE_MS);
      }
      return null;
    },
    [removeOffer, closeWithNote, later],
  );

  const decline = useCallback(
    async (offerId: string, reason?: string) => {
      const socket = socketRef.current;
      if (!socket) return;
      markBusy(offerId, 'decline');
      answering.current.add(offerId);
      try {
        const r = await emitWithAck(socket, 'offer:decline', reason ? { offerId, reason } : { offerId });
        if (r.ok || r.error === 'expired' || r.error === 'already_taken' || r.error === 'not_found') removeOffer(offerId);
        else {
          markBusy(offerId, undefined);
          on.current.notify('Could not decline this offer.', 'error');
        }
      } catch {
        markBusy(offerId, undefined);
        on.current.notify('No answer from the server. The offer was not declined.', 'error');
      } finally {
        // Kept a little longer: the server's `offer:closed` echo may trail the acknowledgement.
        later(() => answering.current.delete(offerId), CLOSED_NOTE_MS);
      }
    },
    [removeOffer, later],
  );

  return { connection, presence, presenceBusy, offers, setPresence, accept, decline, socket: socketRef };
}
