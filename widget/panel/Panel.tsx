// The panel shell: a dialog card with a close button, moving from loading the site's config, to
// the form, to the lead's live status (drawn by the live bundle). It owns sending the request:
// kept (in memory, and in sessionStorage when storage is allowed) and retried with the same
// idempotency key until the server acknowledges it, with honest status meanwhile.
// A class component, as is the form: Preact's hooks would add 1 KB gzip to the panel bundle.
import { Component } from 'preact';
import type { ApiError, CallbackResponse } from '../../shared/api';
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import { addStyles } from '../add-styles';
import type { LiveBundle, LoaderConfig, PanelContext } from '../contract';
import { fill } from '../fill';
import { deliver } from './deliver';
import { CloseIcon } from './icons';
import { newIdempotencyKey } from './idempotency-key';
import { LeadForm, type Note } from './LeadForm';
import { keepPending, readPending, type Pending } from './pending';
import { isLead, toRequest, toValues } from './request';
import { fetchSiteConfig, readConfig } from './site-config';
import { PANEL_EN, type PanelTexts } from './texts';
import type { FieldErrors, LeadValues } from './validate';

interface Props {
  ctx: PanelContext;
  open: boolean;
  onClose(): void;
}

interface State {
  /** A bug broke rendering: say so honestly, inside the panel (whose close button still works). */
  failed?: boolean;
  /** Undefined while loading, null when it could not be had. */
  config?: LoaderConfig | null;
  lead?: { response: CallbackResponse; phone: string };
  live?: LiveBundle;
  note: Note | null;
  busy: boolean;
  serverErrors: FieldErrors;
  /** Replaces the header's promise once the live view says it no longer holds. */
  head?: string | null;
  /** A host form's submission that needs the visitor's phone before it can be routed. */
  host?: Pending;
}

type Step = 'loading' | 'unavailable' | 'form' | 'received' | 'live';

export class Panel extends Component<Props, State> {
  state: State = { note: null, busy: false, serverErrors: {} };
  /** A request the last page could not deliver: resent at once, its values refill the form. */
  resumed = readPending();
  /** The request being sent (or last sent), with its idempotency key. */
  sent: Pending | null = this.resumed;
  /** The loader fetched the config at page load; used once, then "Try again" refetches. */
  preloaded = this.props.ctx.config;
  /** When the form was shown: the server treats a submission faster than a person types as a bot. */
  shownAt = Date.now();
  dialog: HTMLElement | null = null;
  /** The microphone granted for a browser call, handed to the live view for the call. */
  mic: MediaStream | null = null;
  /** What the visitor typed before choosing a browser call: the form shows it again if they want a callback after. */
  typed: LeadValues | null = null;
  statusRef: { current: HTMLElement | null } = { current: null };

  // An error boundary: a rendering error below becomes a message here, never an error on the page.
  componentDidCatch(error: unknown) {
    console.warn('sixty: the panel failed', error);
    this.setState({ failed: true });
  }

  componentDidMount() {
    this.loadConfig();
    if (this.resumed) this.send(this.resumed.body);
  }

  componentDidUpdate(prev: Props, before: State) {
    const { ctx, open } = this.props;
    const { lead } = this.state;
    // Once the lead exists, the live bundle shows (and follows) its status. Until it has loaded,
    // or if it cannot, the acknowledgement alone is shown: accurate, if not live.
    if (lead && !before.lead)
      ctx.load('live').then(
        (live) => {
          addStyles(ctx.root, live.css, ctx.nonce);
          this.setState({ live });
        },
        (error) => console.warn('sixty: live updates unavailable', error),
      );
    // Put focus where the visitor's next step is whenever the panel opens or changes step: the
    // first field, or while a saved request is being resent, the button beside its status.
    const step = this.step(this.state);
    if (open && this.dialog && (!prev.open || step !== this.step(before))) {
      const target =
        step === 'form'
          ? this.dialog.querySelector<HTMLElement>(this.state.busy ? '[data-sixty-submit]' : 'input')
          : step === 'live' || step === 'received'
            ? this.statusRef.current
            : this.dialog.querySelector('h2');
      if (target) target.focus();
    }
  }

  step({ config, lead, live }: State): Step {
    return lead ? (live ? 'live' : 'received') : config ? 'form' : config === null ? 'unavailable' : 'loading';
  }

  /** The site's own texts for this page's language. */
  own(): Record<string, string> {
    const { config } = this.state;
    return config ? this.props.ctx.siteTexts(config) : {};
  }

  loadConfig = () => {
    const { ctx } = this.props;
    this.setState({ config: undefined });
    const early = this.preloaded;
    this.preloaded = Promise.resolve(null);
    early
      .then(readConfig, () => null)
      .then((config) => config || fetchSiteConfig(ctx.origin, ctx.siteKey))
      .then(
        (config) => this.setState({ config }),
        (error) => {
          console.warn('sixty: could not load the site config', error);
          this.setState({ config: null });
        },
      );
  };

  send(body: CallbackRequest, path?: string) {
    const { ctx } = this.props;
    const t = this.texts();
    const json = JSON.stringify(body);
    // One idempotency key per distinct request: a resend of the same one can never make two leads.
    if (!this.sent || JSON.stringify(this.sent.body) !== json) this.sent = { key: newIdempotencyKey(), body, path };
    const pending = this.sent;
    // A browser call cannot outlive this page (its microphone and call are here): only callbacks are kept for the next one.
    if (ctx.storageAllowed() && !body.talk) keepPending(pending);
    this.setState({ busy: true, serverErrors: {}, note: { text: t.sending, tone: 'info' } });
    const url = `${ctx.origin}${pending.path || '/v1/callbacks'}?idempotencyKey=${encodeURIComponent(pending.key)}`;
    const wait = (offline: boolean) => this.setState({ note: { text: offline ? t.offline : t.retrying, tone: 'info' } });
    deliver(url, json, isLead, wait).then(({ status, body: answer }) => {
      keepPending(null);
      this.sent = null;
      if (status < 300) return this.setState({ busy: false, note: null, lead: { response: answer as CallbackResponse, phone: pending.phone || body.phone } });
      // Refused: a microphone granted for it has nothing to serve.
      if (this.mic) this.mic.getTracks().forEach((track) => track.stop());
      this.mic = null;
      const api = answer as Partial<ApiError> | undefined;
      const given: Record<string, unknown> = (api && api.error && api.error.fields) || {};
      // Only text, and only for a control on this form.
      const { config } = this.state;
      const named = ['name', 'phone', 'email'].concat(config ? config.questions.map((q) => `answers.${q.id}`) : []);
      const serverErrors: FieldErrors = {};
      if (status === 400) for (const path of named) if (typeof given[path] === 'string') serverErrors[path] = given[path] as string;
      // A host form's submission without a usable phone: only the phone is asked, then the same
      // submission is resent with it (the lead keeps the form's answers).
      const host = pending.path && serverErrors.phone ? pending : undefined;
      const text = Object.keys(serverErrors).length ? t.fix : status === 403 || status === 404 ? t.forbidden : status === 413 ? t.tooLong : t.refused;
      // Asking for the phone is a question, not a failure: the field's own words say what is missing.
      this.setState({ busy: false, serverErrors, note: host ? null : { text, tone: 'error' }, host });
    });
  }

  /**
   * "Talk now in your browser": the microphone is asked for now, at the visitor's click, and only
   * once it is granted does the request go out (as a callback to talk in the browser). Refused or
   * missing, the form stays as typed and says how to get a call on the phone instead.
   */
  talk(values: LeadValues) {
    const { ctx } = this.props;
    const t = this.texts();
    const config = this.state.config!;
    this.typed = values;
    this.setState({ busy: true, note: { text: t.micAsk, tone: 'info' } });
    // The call screens load meanwhile, ready for when a rep accepts.
    ctx.load('call').catch(() => undefined);
    const devices = navigator.mediaDevices;
    (devices ? devices.getUserMedia({ audio: true }) : Promise.reject(new Error('no media devices'))).then(
      (mic) => {
        this.mic = mic;
        this.send({ ...toRequest(ctx.siteKey, values, config, ctx.visitorId(), this.shownAt), talk: 'browser' });
      },
      (error) => {
        console.warn('sixty: no microphone for a browser call', error);
        // The phone field is where the way on starts.
        this.setState({ busy: false, note: { text: t.micRefused, tone: 'error' } }, () => {
          const phone = this.dialog && this.dialog.querySelector<HTMLElement>('#sixty-phone');
          if (phone) phone.focus();
        });
      },
    );
  }

  texts(): PanelTexts {
    return { ...PANEL_EN, ...this.props.ctx.texts, ...this.own() };
  }

  render({ ctx, open, onClose }: Props, state: State) {
    const { config, lead, live, note, busy } = state;
    const t = this.texts();
    let content;
    if (state.failed)
      content = (
        <p role="alert" data-sixty-status>
          {t.failed}
        </p>
      );
    else if (lead && live) {
      const LiveView = live.LiveView;
      content = (
        <LiveView
          origin={ctx.origin}
          lead={lead.response}
          phone={lead.phone}
          lang={ctx.lang}
          texts={{ ...ctx.texts, ...this.own() }}
          statusRef={this.statusRef}
          onHead={(head) => this.setState({ head })}
          load={ctx.load}
          addStyles={(css) => addStyles(ctx.root, css, ctx.nonce)}
          mic={this.mic}
          onCallback={() => {
            // Back to the form with what was typed, for a callback on the phone this time.
            this.mic = null;
            this.shownAt = Date.now();
            this.setState({ lead: undefined, head: null, note: null });
          }}
        />
      );
    } else if (lead)
      content = (
        <p ref={(el) => void (this.statusRef.current = el)} class="muted" role="status" tabIndex={-1} data-sixty-status>
          {fill(t.received, { phone: lead.phone })}
        </p>
      );
    else if (config)
      content = (
        <LeadForm
          config={config}
          t={t}
          initial={this.typed || (this.resumed && !this.resumed.path ? toValues(this.resumed.body) : null)}
          note={note}
          busy={busy}
          serverErrors={state.serverErrors}
          phoneOnly={!!state.host}
          onSend={(values) =>
            state.host
              ? this.send({ ...state.host.body, phone: values.phone }, state.host.path)
              : this.send(toRequest(ctx.siteKey, values, config, ctx.visitorId(), this.shownAt))
          }
          onStart={() => ctx.load('live').catch(() => undefined)}
          onTalk={(values) => this.talk(values)}
        />
      );
    else if (busy)
      // A saved request is being resent before the config is back: say so, not "unavailable".
      content = (
        <p class="status" role="status" data-sixty-status>
          {note && note.text}
        </p>
      );
    else
      content = (
        <>
          <p class="muted" role="status" data-sixty-status>
            {config === null ? t.unavailable : t.loading}
          </p>
          {config === null && (
            <button type="button" class="secondary" onClick={this.loadConfig}>
              {t.tryAgain}
            </button>
          )}
        </>
      );

    return (
      <section
        ref={(el) => void (this.dialog = el)}
        class="panel"
        role="dialog"
        aria-labelledby="sixty-title"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
        data-sixty-panel
      >
        <header class="head">
          <div>
            <h2 id="sixty-title" tabIndex={-1}>
              {t.title}
            </h2>
            <p>{config && config.siteName ? fill(state.head || t.subtitle, { site: config.siteName, seconds: config.promiseSeconds }) : t.subtitleLoading}</p>
          </div>
          <button type="button" class="close" aria-label={t.close} onClick={onClose} data-sixty-close>
            <CloseIcon />
          </button>
        </header>
        <div class="body">{content}</div>
      </section>
    );
  }
}
