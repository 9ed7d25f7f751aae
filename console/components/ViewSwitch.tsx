// For managers and admins: the queue page shows either their own queue or the supervisor view.
// Kept in the URL hash so a reload (or a shared link) opens the same view.
import { useEffect, useState } from 'preact/hooks';

export type QueueView = 'queue' | 'supervisor';

const HASH: Record<QueueView, string> = { queue: '', supervisor: '#supervisor' };

function fromHash(): QueueView {
  return location.hash === HASH.supervisor ? 'supervisor' : 'queue';
}

export function useQueueView(allowed: boolean): [QueueView, (view: QueueView) => void] {
  const [view, setView] = useState<QueueView>(() => (allowed ? fromHash() : 'queue'));
  useEffect(() => {
    if (!allowed) return;
    const sync = () => setView(fromHash());
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [allowed]);
  const choose = (next: QueueView) => {
    history.replaceState(null, '', `${location.pathname}${location.search}${HASH[next]}`);
    setView(next);
  };
  return [view, choose];
}

interface Props {
  view: QueueView;
  /** Open offers, so a supervisor sees them from the other view. */
  offers: number;
  onView: (view: QueueView) => void;
}

export function ViewSwitch({ view, offers, onView }: Props) {
  const item = (key: QueueView, label: string, badge?: number) => (
    <button type="button" class="view-switch-btn" aria-pressed={view === key} onClick={() => onView(key)}>
      {label}
      {badge ? <span class="count count-urgent">{badge}</span> : null}
    </button>
  );
  return (
    <nav class="view-switch" aria-label="Queue views">
      {item('queue', 'My queue', offers)}
      {item('supervisor', 'Supervisor')}
    </nav>
  );
}
