// Move up / move down / remove buttons for one row of a rules list.
interface Props {
  /** Names the row for assistive technology ("question 2"). */
  name: string;
  index: number;
  count: number;
  onMove?: (by: number) => void;
  onRemove: () => void;
}

export function RowTools({ name, index, count, onMove, onRemove }: Props) {
  return (
    <div class="row-tools">
      {onMove && (
        <>
          <button type="button" class="btn btn-ghost btn-small" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" class="btn btn-ghost btn-small" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            ↓
          </button>
        </>
      )}
      <button type="button" class="btn btn-ghost btn-small btn-remove" aria-label={`Remove ${name}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
