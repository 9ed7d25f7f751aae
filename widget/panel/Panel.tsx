// The panel shell: a dialog card with a close button, moving from loading the site's config, to
// the form, to the lead's live status. Escape (with focus inside) closes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallbackResponse, SiteConfigResponse, VisitorStatus } from '../../shared/api';
import type { PanelContext } from '../contract';
import { chooseSlot, fetchSiteConfig } from './api';
import { Guard } from './Guard';
import { CloseIcon } from './icons';
import { LeadForm } from './LeadForm';
import { LiveStatus } from './LiveStatus';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'form'; config: SiteConfigResponse }
  | { kind: 'live'; config: SiteConfigResponse; lead: CallbackResponse; status: VisitorStatus; phone: string };

interface Props {
  ctx: PanelContext;
  open: boolean;
  onClose(): void;
}

export function Panel({ ctx, open, onClose }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  // The loader fetched the config at page load; use that once, and refetch on "Try again".
  const preloaded = useRef(ctx.config);
  const dialog = useRef<HTMLElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const leadId = phase.kind === 'live' ? phase.lead.leadId : null;

  const loadConfig = () => {
    setPhase({ kind: 'loading' });
    const early = preloaded.current;
    preloaded.current = Promise.resolve(null);
    early
      .catch(() => null)
      .then((config) => config || fetchSiteConfig(ctx.origin, ctx.siteKey))
      .then(
        (config) => setPhase({ kind: 'form', config }),
        (error) => {
          console.warn('sixty: could not load the site config', error);
          setPhase({ kind: 'unavailable' });
        },
      );
  };
  useEffect(loadConfig, []);

  // Once the lead exists, follow it live. The initial status came with the POST response, so a
  // socket that fails to load leaves the visitor with an accurate (if frozen) view.
  useEffect(() => {
    if (phase.kind !== 'live') return;
    const token = phase.lead.visitorToken;
    const update = (status: VisitorStatus) => setPhase((p) => (p.kind === 'live' ? { ...p, status } : p));
    let connection: { close(): void } | undefined;
    let stopped = false;
    ctx
      .load('live')
      .then((live) => {
        if (!stopped) connection = live.connect(ctx.origin, token, update);
      })
      .catch((error) => console.warn('sixty: live updates unavailable', error));
    return () => {
      stopped = true;
      connection?.close();
    };
  }, [leadId]);

  // Put focus where the visitor's next step is whenever the panel opens or changes step.
  useEffect(() => {
    if (!open || !dialog.current) return;
    const target =
      phase.kind === 'form'
        ? dialog.current.querySelector('input')
        : phase.kind === 'live'
          ? statusRef.current
          : dialog.current.querySelector<HTMLElement>('.title');
    target?.focus();
  }, [open, phase.kind]);

  const config = phase.kind === 'form' || phase.kind === 'live' ? phase.config : null;

  async function pickSlot(slot: string): Promise<string | null> {
    if (phase.kind !== 'live') return null;
    const outcome = await chooseSlot(ctx.origin, phase.lead.leadId, phase.lead.visitorToken, slot);
    if (!outcome.ok) return outcome.message;
    setPhase((p) => (p.kind === 'live' ? { ...p, status: outcome.data } : p));
    return null;
  }

  return (
    <section
      ref={dialog}
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
          <h2 id="sixty-title" class="title" tabIndex={-1}>
            Talk to sales
          </h2>
          <p class="subtitle">
            {config
              ? `${config.siteName} will call you back within ${config.promiseSeconds} seconds.`
              : 'A real person will call you right back.'}
          </p>
        </div>
        <button type="button" class="close" aria-label="Close" onClick={onClose} data-sixty-close>
          <CloseIcon />
        </button>
      </header>
      <div class="body">
        <Guard>
          {phase.kind === 'loading' && (
            <p class="muted" role="status" data-sixty-status>
              Loading…
            </p>
          )}
          {phase.kind === 'unavailable' && (
            <div class="unavailable">
              <p role="status" data-sixty-status>
                Sorry, we can't take requests right now.
              </p>
              <button type="button" class="secondary" onClick={loadConfig}>
                Try again
              </button>
            </div>
          )}
          {phase.kind === 'form' && (
            <LeadForm
              origin={ctx.origin}
              siteKey={ctx.siteKey}
              visitorId={ctx.visitorId}
              config={phase.config}
              onSubmitted={(lead, phone) => setPhase({ kind: 'live', config: phase.config, lead, status: lead.status, phone })}
            />
          )}
          {phase.kind === 'live' && (
            <LiveStatus status={phase.status} phone={phase.phone} chooseSlot={pickSlot} statusRef={statusRef} />
          )}
        </Guard>
      </div>
    </section>
  );
}
