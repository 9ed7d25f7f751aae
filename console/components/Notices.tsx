// Where short messages for the rep appear (announced politely, dismissible).
import type { Notice } from '../hooks/useNotices';

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div class="notices" role="status">
      {notices.map((n) => (
        <div key={n.id} class={`notice notice-${n.tone}`}>
          <p>{n.text}</p>
          <button type="button" class="notice-close" onClick={() => onDismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
