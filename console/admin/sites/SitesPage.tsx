// The workspace's sites: embed snippet to copy, install check per allowed origin, editing the
// site, rotating its key without downtime, and the way to each site's rules and settings.
import { useState } from 'preact/hooks';
import { formatPage, formatWhen } from '../../format';
import { Link } from '../../nav/Link';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CopyField } from '../ui/CopyField';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import { agoText } from '../ui/time';
import type { ConsoleSite, KeyRotation } from '../types';
import { NewSiteForm } from './NewSiteForm';
import { SiteDetailsForm } from './SiteDetailsForm';
import { fallbackText } from './widget-texts';
import '../admin.css';
import '../users/users.css';
import './sites.css';

export function SitesPage({ onSessionEnded }: PageProps) {
  const loaded = useLoad(() => adminApi.sites(), [], onSessionEnded);
  const [notice, setNotice] = useState('');
  const [adding, setAdding] = useState(false);
  return (
    <div class="page">
      <PageHead
        title="Sites"
        intro="Each site has its own script tag, allowed origins, questions and scoring rules."
        actions={
          !adding && (
            <button type="button" class="btn btn-primary" onClick={() => (setNotice(''), setAdding(true))}>
              Add site
            </button>
          )
        }
      />
      <p role="status" class="notice-line">
        {notice}
      </p>
      {adding && (
        <NewSiteForm
          onCreated={(name) => (setNotice(`${name} added: copy its snippet in its card.`), setAdding(false), loaded.reload())}
          onClose={() => setAdding(false)}
          onSessionEnded={onSessionEnded}
        />
      )}
      <LoadState loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && loaded.data.length === 0 && <p class="muted">No sites yet.</p>}
      {loaded.data?.map((site) => (
        <SiteCard key={site.id} site={site} onChanged={loaded.reload} onSessionEnded={onSessionEnded} />
      ))}
    </div>
  );
}

function SiteCard({ site, onChanged, onSessionEnded }: { site: ConsoleSite; onChanged: () => void; onSessionEnded: () => void }) {
  const now = Date.now();
  const base = `/sites/${encodeURIComponent(site.id)}`;
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [rotated, setRotated] = useState<KeyRotation | null>(null);

  const rotate = async () => {
    setBusy(true);
    setError('');
    try {
      setRotated(await adminApi.rotateKey(site.id));
      setRotating(false);
      onChanged();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel site-card" aria-labelledby={`site-${site.id}`}>
      <div class="site-card-head">
        <h2 id={`site-${site.id}`}>{site.name}</h2>
        <div class="page-actions">
          <Link to={`${base}/rules`} class="btn btn-small">
            Questions and scoring
          </Link>
          <Link to={`${base}/settings`} class="btn btn-small">
            Tracking settings
          </Link>
          <Link to={`${base}/routing`} class="btn btn-small">
            Routing
          </Link>
          {!editing && (
            <button type="button" class="btn btn-small" onClick={() => setEditing(true)}>
              Edit site
            </button>
          )}
        </div>
      </div>
      {editing ? (
        <SiteDetailsForm site={site} onSaved={() => (setEditing(false), onChanged())} onCancel={() => setEditing(false)} onSessionEnded={onSessionEnded} />
      ) : (
        <dl class="site-facts">
          <dt>Launcher (en)</dt>
          <dd>{site.appearance.texts.en?.launcher || fallbackText('launcher')}</dd>
          <dt>Phone region</dt>
          <dd>{site.phoneRegion}</dd>
          <dt>Time to accept</dt>
          <dd>{Math.round(site.offerTimeoutMs / 1000)} s</dd>
        </dl>
      )}
      {rotated && (
        <p class="success" role="status">
          New key in place. The old snippet keeps working until {formatWhen(rotated.previousKeyValidUntil, now)}: replace it on your pages before then.
        </p>
      )}
      <CopyField id={`snippet-${site.id}`} label="Embed snippet: paste before </body> on every page" value={site.snippet} multiline />
      <div class="site-key">
        <p class="muted">
          Site key <code>{site.siteKey}</code>
        </p>
        <button type="button" class="btn btn-small" onClick={() => setRotating(true)}>
          Rotate key…
        </button>
      </div>
      <h3>Install check</h3>
      <ul class="installs">
        {site.allowedOrigins.map((origin) => {
          const seen =
            site.installs.find((i) => i.origin === origin) ?? (origin.includes('*') ? site.installs.find((i) => matchesPattern(origin, i.origin)) : undefined);
          return (
            <li key={origin} class={seen ? 'install-seen' : 'install-waiting'}>
              <span class="dot" aria-hidden="true" />
              <span>
                <strong>{origin}</strong>{' '}
                {seen ? (
                  <span class="muted">
                    last seen {seen.lastUrl ? `on ${seen.origin === origin ? formatPage(seen.lastUrl) : seen.lastUrl}, ` : ''}
                    {agoText(seen.lastSeenAt, now)}
                  </span>
                ) : (
                  <span class="muted">no event yet</span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {rotating && (
        <ConfirmDialog
          title={`Rotate the key of ${site.name}?`}
          confirmLabel="Rotate key"
          busy={busy}
          error={error}
          onConfirm={rotate}
          onCancel={() => setRotating(false)}
        >
          <p>A new key and snippet are made now. The current key keeps working for a grace period, so nothing breaks while you update your pages.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** `http://localhost:*` covers any port of that host. */
function matchesPattern(pattern: string, origin: string): boolean {
  const [head, tail] = pattern.split('*');
  return origin.startsWith(head!) && origin.endsWith(tail ?? '');
}
