// The rep's live queue: offers with countdowns, the open lead card and the rep's own leads.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LeadCard, Me } from '../../shared/api';
import { api, messageOf } from '../api';
import { Header } from '../components/Header';
import { LeadDetail } from '../components/LeadDetail';
import { MyLeads } from '../components/MyLeads';
import { Notices } from '../components/Notices';
import { OfferList } from '../components/OfferList';
import { useMyLeads } from '../hooks/useMyLeads';
import { useNotices } from '../hooks/useNotices';
import { useOfferKeys } from '../hooks/useOfferKeys';
import { useRepChannel } from '../hooks/useRepChannel';

interface Props {
  me: Me;
  /** `expired`: the server no longer knows the session (not the rep's own sign out). */
  onSignedOut: (expired: boolean) => void;
}

export function Queue({ me, onSignedOut }: Props) {
  const [lead, setLead] = useState<LeadCard | null>(null);
  const { notices, notify, dismiss } = useNotices();
  const myLeads = useMyLeads();

  const showLead = useCallback(
    (next: LeadCard) => {
      setLead((open) => (open && open.id === next.id ? next : open));
      myLeads.upsert(next);
    },
    [myLeads.upsert],
  );

  const sessionEnded = useCallback(() => onSignedOut(true), [onSignedOut]);
  const live = useRepChannel({ onLeadUpdated: showLead, onSignedOut: sessionEnded, notify });

  const accept = useCallback(
    async (offerId: string) => {
      const won = await live.accept(offerId);
      if (won) {
        setLead(won);
        myLeads.upsert(won);
      }
    },
    [live.accept, myLeads.upsert],
  );

  const openLead = useCallback(
    (id: string) => {
      api.lead(id).then(setLead, (err) => notify(messageOf(err), 'error'));
    },
    [notify],
  );

  const signOut = async () => {
    try {
      await api.signOut();
    } catch {
      // The session may already be gone; either way this tab is signed out.
    }
    onSignedOut(false);
  };

  const openOffers = live.offers.filter((o) => !o.closedText && !o.busy);
  useOfferKeys(live.connection === 'live' ? (openOffers[0]?.offer.offerId ?? null) : null, accept, live.decline);

  // The tab title tells a rep in another tab that a lead is waiting.
  useEffect(() => {
    document.title = openOffers.length ? `(${openOffers.length}) New lead · Sixty` : 'Queue · Sixty';
  }, [openOffers.length]);
  useEffect(
    () => () => {
      document.title = 'Sixty console';
    },
    [],
  );

  // Updates pushed while the channel was down were missed: reload what HTTP serves.
  const wasDown = useRef(false);
  const openId = lead?.id ?? null;
  useEffect(() => {
    if (live.connection === 'reconnecting') wasDown.current = true;
    else if (live.connection === 'live' && wasDown.current) {
      wasDown.current = false;
      myLeads.reload();
      if (openId) api.lead(openId).then(showLead, () => undefined);
    }
  }, [live.connection]);

  return (
    <div class="app">
      <Header
        me={me}
        connection={live.connection}
        presence={live.presence}
        presenceBusy={live.presenceBusy}
        onPresence={live.setPresence}
        onSignOut={signOut}
      />
      <main class="queue">
        <OfferList
          offers={live.offers}
          presence={live.presence}
          offline={live.connection !== 'live'}
          onAccept={accept}
          onDecline={live.decline}
        />
        {lead ? (
          <LeadDetail lead={lead} onChange={showLead} onClose={() => setLead(null)} />
        ) : (
          <section class="panel lead lead-empty" aria-label="Lead card">
            <p class="empty-title">No lead open</p>
            <p class="muted">Accept an offer or choose one of your leads to see its card.</p>
          </section>
        )}
        <MyLeads rows={myLeads.rows} error={myLeads.error} openId={openId} onOpen={openLead} onRetry={myLeads.reload} />
      </main>
      <Notices notices={notices} onDismiss={dismiss} />
    </div>
  );
}
