// The rep's live queue: offers with countdowns and alerts, the open lead card, the rep's lists
// (own leads, follow-ups, booked callbacks, the team's warm MQLs) and, for managers and admins,
// the supervisor view.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CallDock } from '../calls/CallDock';
import type { LeadCard, Me } from '../../shared/api';
import { ApiFailure, messageOf } from '../api';
import { AlertControls } from '../components/AlertControls';
import { LazySupervisor } from '../components/LazySupervisor';
import { LeadDetail } from '../components/LeadDetail';
import { Notices } from '../components/Notices';
import { OfferList } from '../components/OfferList';
import { QueueStatus } from '../components/QueueStatus';
import { CalendarDownNotice } from '../calendar/CalendarDownNotice';
import { ViewSwitch, useQueueView } from '../components/ViewSwitch';
import { WorkLists, type WorkList } from '../components/WorkLists';
import { queueApi, type FullLeadCard } from '../hooks/queue-api';
import { useDesktopNotifications } from '../hooks/useDesktopNotifications';
import { useMyLeads } from '../hooks/useMyLeads';
import { useNotices } from '../hooks/useNotices';
import { useOfferAlerts } from '../hooks/useOfferAlerts';
import { useOfferKeys } from '../hooks/useOfferKeys';
import { usePolledList } from '../hooks/usePolledList';
import { useRepChannel } from '../hooks/useRepChannel';
import { useSound } from '../hooks/useSound';
import { ConsoleFrame } from '../nav/ConsoleFrame';
import { leadOfHash } from '../nav/paths';

interface Props {
  me: Me;
  /** `expired`: the server no longer knows the session (not the rep's own sign out). */
  onSignedOut: (expired: boolean) => void;
}

/** Follow-ups fall due and warm leads come and go without a live event: refreshed this often. */
const LIST_REFRESH_MS = 30_000;

export function Queue({ me, onSignedOut }: Props) {
  const [lead, setLead] = useState<FullLeadCard | null>(null);
  const leadRef = useRef(lead);
  leadRef.current = lead;
  const [list, setList] = useState<WorkList>('mine');
  const [claiming, setClaiming] = useState<string | null>(null);
  const [decliningId, setDecliningId] = useState<string | null>(null);
  const [view, setView] = useQueueView(me.role !== 'rep');
  const { notices, notify, dismiss } = useNotices();
  const myLeads = useMyLeads();
  const followUps = usePolledList(queueApi.followUps, LIST_REFRESH_MS);
  const upcoming = usePolledList(queueApi.upcoming, LIST_REFRESH_MS);
  const warm = usePolledList(queueApi.warmLeads, LIST_REFRESH_MS);
  const sound = useSound();
  const desktop = useDesktopNotifications();
  const sessionEnded = useCallback(() => onSignedOut(true), [onSignedOut]);

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) sessionEnded();
      else notify(messageOf(err), 'error');
    },
    [notify, sessionEnded],
  );

  /** A card came back from the server or a live update: refresh it if open, and its row. */
  const showLead = useCallback(
    (next: LeadCard) => {
      setLead((open) => (open && open.id === next.id ? next : open));
      myLeads.upsert(next);
    },
    [myLeads.upsert],
  );

  const openLead = useCallback(
    (id: string) => {
      queueApi.lead(id).then((card) => {
        setLead(card);
        myLeads.upsert(card);
      }, failed);
    },
    [failed, myLeads.upsert],
  );

  // A link to one lead (`/console/?lead=<id>`, as in a meeting's invite and calendar event; or
  // `/console/#/leads/<id>`, where a device notification's click leads) opens its card.
  const linkOpened = useRef(false);
  useEffect(() => {
    if (linkOpened.current) return;
    linkOpened.current = true;
    const linked = new URLSearchParams(location.search).get('lead') ?? leadOfHash(location.hash);
    if (linked) openLead(linked);
  }, [openLead]);
  // The service worker takes an open console to the lead a notification named.
  useEffect(() => {
    const follow = () => {
      const linked = leadOfHash(location.hash);
      if (linked) openLead(linked);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, [openLead]);

  const live = useRepChannel({
    onLeadUpdated: showLead,
    onSignedOut: sessionEnded,
    notify,
    // The same rep accepted in another tab: this tab follows, unless it is busy with another lead.
    onAcceptedElsewhere: (leadId) => {
      if (!leadRef.current) openLead(leadId);
    },
  });

  // Browser calls: their chunk loads once the queue shows; accepting one starts it.
  const [Call, setCall] = useState<typeof CallDock | null>(null);
  useEffect(
    () =>
      void import('../calls/CallDock').then(
        (m) => setCall(() => m.CallDock),
        () => undefined,
      ),
    [],
  );
  /** The browser call: running (`offerId` set), or ended with its note for the lead's outcome form. */
  const [call, setCallOf] = useState<{ offerId?: string; name: string; leadId: string; note?: string | null } | null>(null);

  const accept = useCallback(
    async (offerId: string) => {
      setDecliningId(null);
      const won = await live.accept(offerId);
      if (won) {
        setLead(won);
        myLeads.upsert(won);
        setView('queue');
        if (won.talk === 'browser') setCallOf({ offerId, name: won.name, leadId: won.id });
      }
    },
    [live.accept, myLeads.upsert],
  );

  const decline = useCallback(
    async (offerId: string, reason: string) => {
      await live.decline(offerId, reason);
      setDecliningId((id) => (id === offerId ? null : id));
    },
    [live.decline],
  );

  /** After an outcome: the lead's follow-ups changed on the server. */
  const outcomeSaved = useCallback(
    (next: FullLeadCard) => {
      showLead(next);
      followUps.reload();
    },
    [showLead, followUps.reload],
  );

  const take = async (leadId: string) => {
    setClaiming(leadId);
    try {
      const card = await queueApi.claim(leadId);
      warm.setRows((rows) => rows?.filter((r) => r.id !== leadId) ?? rows);
      setLead(card);
      myLeads.upsert(card);
      notify(`${card.name} is yours now.`);
    } catch (err) {
      failed(err);
      warm.reload();
    } finally {
      setClaiming(null);
    }
  };

  const openOffers = live.offers.filter((o) => !o.closedText && !o.busy);
  const firstOpen = openOffers[0]?.offer.offerId ?? null;
  useOfferKeys(live.connection === 'live' ? firstOpen : null, accept, setDecliningId);
  const announcement = useOfferAlerts({ offers: openOffers.map((o) => o.offer), sound, notify: desktop.show });

  // A booking whose time came is an offer now: it leaves the Upcoming list at once.
  const offeredIds = openOffers.map((o) => o.offer.leadId).join(' ');
  useEffect(() => {
    if (offeredIds) upcoming.reload();
  }, [offeredIds]);

  // The picker closes with its offer (taken, expired, answered elsewhere).
  useEffect(() => {
    if (decliningId && !live.offers.some((o) => o.offer.offerId === decliningId && !o.closedText)) setDecliningId(null);
  }, [live.offers, decliningId]);

  // Updates pushed while the channel was down were missed: reload what HTTP serves.
  const wasDown = useRef(false);
  useEffect(() => {
    if (live.connection === 'reconnecting' || live.connection === 'offline') wasDown.current = true;
    else if (live.connection === 'live' && wasDown.current) {
      wasDown.current = false;
      myLeads.reload();
      followUps.reload();
      upcoming.reload();
      warm.reload();
      const open = leadRef.current;
      if (open) queueApi.lead(open.id).then(showLead, () => undefined);
    }
  }, [live.connection]);

  const offerList = (
    <OfferList
      offers={live.offers}
      presence={live.presence}
      connection={live.connection}
      decliningId={decliningId}
      onAccept={accept}
      onStartDecline={setDecliningId}
      onCancelDecline={() => setDecliningId(null)}
      onDecline={decline}
    />
  );

  return (
    <ConsoleFrame
      me={me}
      onSignedOut={onSignedOut}
      controls={
        <QueueStatus
          connection={live.connection}
          presence={live.presence}
          presenceBusy={live.presenceBusy}
          onPresence={live.setPresence}
          alerts={<AlertControls sound={sound} permission={desktop.permission} onAskPermission={desktop.request} />}
        />
      }
    >
      <p class="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      <CalendarDownNotice />
      {me.role !== 'rep' && <ViewSwitch view={view} offers={openOffers.length} onView={setView} />}
      {view === 'supervisor' ? (
        <div class="queue queue-supervisor">
          {openOffers.length > 0 && offerList}
          <LazySupervisor onSessionEnded={sessionEnded} />
        </div>
      ) : (
        <div class="queue">
          <h1 class="sr-only">Live queue</h1>
          {Call && (
            <Call
              socket={live.socket}
              call={call?.offerId ? (call as { offerId: string; name: string }) : null}
              onEnded={(note) => setCallOf((c) => c && { ...c, offerId: undefined, note })}
            />
          )}
          {offerList}
          {lead ? (
            <LeadDetail
              lead={lead}
              currency={me.currency}
              callNote={call?.leadId === lead.id ? call.note : null}
              onChange={outcomeSaved}
              onClose={() => setLead(null)}
            />
          ) : (
            <section class="panel lead lead-empty" aria-label="Lead card">
              <p class="empty-title">No lead open</p>
              <p class="muted">Accept an offer, or choose one of your leads, follow-ups, booked callbacks or the team's warm MQLs.</p>
            </section>
          )}
          <WorkLists
            meId={me.id}
            selected={list}
            onSelect={setList}
            openId={lead?.id ?? null}
            onOpen={openLead}
            mine={myLeads}
            followUps={followUps}
            upcoming={upcoming}
            warm={warm}
            claiming={claiming}
            onTake={take}
          />
        </div>
      )}
      <Notices notices={notices} onDismiss={dismiss} />
    </ConsoleFrame>
  );
}
