// Loading, failed (with retry) and empty states shared by the queue's lists.
interface Props {
  loading: boolean;
  error: string;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
}

export function ListState({ loading, error, empty, emptyText, onRetry }: Props) {
  if (error)
    return (
      <div class="inline-error" role="alert">
        <p>{error}</p>
        <button type="button" class="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      </div>
    );
  if (loading) return <p class="muted">Loading…</p>;
  if (empty) return <p class="muted list-empty">{emptyText}</p>;
  return null;
}
