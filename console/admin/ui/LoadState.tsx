// What a page shows while its data loads, or when loading failed (with a retry).
export function LoadState({ loading, error, onRetry }: { loading: boolean; error: string; onRetry: () => void }) {
  if (error) {
    return (
      <div class="inline-error" role="alert">
        <p>{error}</p>
        <button type="button" class="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      </div>
    );
  }
  return loading ? (
    <p class="muted" role="status">
      Loading…
    </p>
  ) : null;
}
