// The panel's live phase: follows the lead over socket.io (/visitor, with the token scoped to
// this one lead) and lets the visitor pick a callback time when nobody is free. socket.io
// reconnects by itself with backoff, and the server sends the current status on every
// (re)connection, so a drop only ever delays news: the visitor is told while it lasts.
import { Component } from 'preact';
import { io, type Manager, type Socket } from 'socket.io-client';
import type { VisitorStatus } from '../../shared/api';
import { VISITOR_NAMESPACE, type VisitorClientToServer, type VisitorServerToClient } from '../../shared/live-events';
import type { BookingBundle, CallBundle, LiveViewProps, SignalHub } from '../contract';
import { headOf } from './head';
import { LiveStatus } from './LiveStatus';
import { LIVE_EN } from './texts';

const STATES = ['waiting', 'accepted', 'no_rep', 'scheduled', 'ended', 'closed'];

/** A status the view knows how to draw; anything else from the wire is ignored. */
function isStatus(status: unknown): status is VisitorStatus {
  const s = status as VisitorStatus | null;
  return (
    !!s &&
    STATES.indexOf(s.state) >= 0 &&
    (s.state !== 'no_rep' || Array.isArray(s.slots)) &&
    (s.state !== 'waiting' || (typeof s.promiseSeconds === 'number' && (!s.asking || Array.isArray(s.asking))))
  );
}

interface State {
  status: VisitorStatus;
  /** False while the live connection is down: the status shown may be stale. */
  connected: boolean;
  /** The booking screens, once loaded (only when the status needs them). */
  booking: BookingBundle | null;
  /** The promise's deadline on this page's clock: set when this page first hears "waiting" (the
   * visitor just submitted; the local clock cannot be compared with the server's `since`). */
  deadline: number | null;
  /** The call screens, once loaded (only for a browser call a rep accepted). */
  call: CallBundle | null;
  /** The accepted browser call and its rep: once set, the call screen stays (through its end). */
  callOffer: { offerId: string; repName: string } | null;
}

export class LiveView extends Component<LiveViewProps, State> {
  state: State = { status: { state: 'closed' }, connected: true, booking: null, deadline: null, call: null, callOffer: null };
  bookingAsked = false;
  /** The rep's call signals, kept from the start: their offer may come before the call screen is up. */
  hub: SignalHub = { queue: [], on: null };
  /** The browser call ended: the header thanks the visitor, whatever the status says next. */
  callOver = false;
  socket?: Socket<VisitorServerToClient, VisitorClientToServer>;
  timer?: ReturnType<typeof setInterval>;

  componentDidMount() {
    const { origin, lead } = this.props;
    this.show(lead.status);
    // WebSocket only: no long-polling fallback means no sticky sessions needed behind a balancer.
    const socket = (this.socket = io(origin + VISITOR_NAMESPACE, { auth: { token: lead.visitorToken }, transports: ['websocket'] }));
    retryEarlyCloses(socket.io);
    socket.on('lead:status', (status) => this.show(status));
    if (this.props.mic) socket.on('call:signal', (signal) => (this.hub.on ? this.hub.on(signal) : this.hub.queue.push(signal)));
    socket.on('connect', () => this.setState({ connected: true }));
    socket.on('disconnect', () => this.setState({ connected: false }));
    // socket.io keeps retrying with backoff; one warning is enough for the page's developer.
    let warned = false;
    socket.on('connect_error', (error) => {
      this.setState({ connected: false });
      if (!warned) console.warn('sixty: live connection failed, retrying', error.message);
      warned = true;
    });
    // The countdown's tick.
    this.timer = setInterval(() => this.state.status.state === 'waiting' && this.forceUpdate(), 1000);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
    if (this.socket) this.socket.disconnect();
  }

  show(status: unknown) {
    if (!isStatus(status)) return;
    const { deadline } = this.state;
    this.setState({ status, deadline: deadline || (status.state === 'waiting' ? Date.now() + status.promiseSeconds * 1000 : null) });
    const t = { ...LIVE_EN, ...this.props.texts };
    const head = headOf(status, t);
    // A browser call is not a call back: while it is being set up or held, the header says where it happens.
    if (!this.callOver) this.props.onHead(head === null && this.props.mic ? t.headTalk : head);
    if ((status.state === 'no_rep' && status.slots.length) || (status.state === 'scheduled' && status.meeting)) this.loadBooking();
    const { mic, load, addStyles } = this.props;
    if (!mic || this.state.callOffer) return;
    if (status.state === 'accepted' && status.call) {
      this.setState({ callOffer: { offerId: status.call.offerId, repName: status.repName } });
      load('call').then(
        (call) => {
          addStyles(call.css);
          this.setState({ call });
        },
        (error) => console.warn('sixty: the call screens are unavailable', error),
      );
    } else if (status.state !== 'waiting') mic.getTracks().forEach((track) => track.stop());
  }

  /** The booking screens are their own bundle: fetched once, the first time a status needs them. */
  loadBooking() {
    if (this.bookingAsked) return;
    this.bookingAsked = true;
    this.props.load('booking').then(
      (booking) => {
        this.props.addStyles(booking.css);
        this.setState({ booking });
      },
      (error) => {
        this.bookingAsked = false;
        console.warn('sixty: booking unavailable', error);
      },
    );
  }

  render({ origin, lead, phone, lang, texts, statusRef, mic, onCallback }: LiveViewProps, { status, connected, booking, deadline, call, callOffer }: State) {
    const seconds = deadline ? Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) : 0;
    if (call && callOffer && mic && this.socket)
      return (
        <call.CallView
          socket={this.socket}
          hub={this.hub}
          offerId={callOffer.offerId}
          repName={callOffer.repName}
          mic={mic}
          texts={texts}
          onCallback={onCallback}
          onEnd={() => {
            this.callOver = true;
            this.props.onHead(texts.headEnded || LIVE_EN.headEnded);
          }}
        />
      );
    return (
      <LiveStatus
        status={status}
        seconds={seconds}
        phone={phone}
        lang={lang}
        t={{ ...LIVE_EN, ...texts }}
        booking={booking}
        origin={origin}
        lead={lead}
        onStatus={(next) => this.show(next)}
        connected={connected}
        statusRef={statusRef}
        talk={!!mic}
        onCallback={onCallback}
      />
    );
  }
}

/**
 * socket.io-client (4.8) misses one kind of drop: a connection closed after its WebSocket opened
 * but before engine.io's handshake (a proxy or a restarting server cutting it) raises no error,
 * so the manager waits for its connect timeout (20 s) before trying again, and meanwhile the page
 * hears nothing: no disconnect, no connect_error. Each attempt's connection is watched and such a
 * close is reported as that attempt's error, so the manager retries with its usual backoff and the
 * socket emits connect_error (the visitor is told at once). A close after the handshake, or after
 * a real error or timeout, is the manager's own business: it listens for those itself.
 */
function retryEarlyCloses(manager: Manager) {
  const watch = () => {
    const engine = manager.engine;
    let opened = false;
    engine.once('open', () => (opened = true));
    engine.once('close', (reason) => {
      if (!opened && reason === 'transport close') (engine as unknown as { emit(event: 'error', error: Error): void }).emit('error', new Error(reason));
    });
  };
  watch();
  // Each retry opens a new connection right after announcing itself.
  manager.on('reconnect_attempt', () => void Promise.resolve().then(watch));
}
