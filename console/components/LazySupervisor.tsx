// Loads the supervisor view on demand: reps never download it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type View = ComponentType<{ onSessionEnded: () => void }>;

export function LazySupervisor({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [View, setView] = useState<View | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../supervisor/SupervisorView').then(
      (m) => setView(() => m.SupervisorView),
      () => setFailed(true),
    );
  }, []);
  if (failed)
    return (
      <p class="inline-error" role="alert">
        Could not load the supervisor view. Reload the page to try again.
      </p>
    );
  if (!View)
    return (
      <p class="muted" role="status">
        Loading the supervisor view…
      </p>
    );
  return <View onSessionEnded={onSessionEnded} />;
}
