import { INGEST_RULES } from './plan-batch.core';
import type { IngestItem, IngestResult, TrackingStore } from './tracking-store';

/** Upper bound of batches in one commit; keeps any one transaction short. */
const MAX_GROUP = 500;

/**
 * Grouped commits: batches arriving in the same turn of the event loop are written in one
 * transaction, and each request is answered only after that commit. In WAL mode the commit
 * is the expensive part, so sharing it is what lets ingest keep up with the bare endpoint.
 */
export class IngestQueue {
  private pending: Array<{ item: IngestItem; resolve: (r: IngestResult) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly store: TrackingStore,
    private readonly clock: () => number,
  ) {}

  push(item: IngestItem): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    this.scheduled = false;
    while (this.pending.length) {
      const group = this.pending.splice(0, MAX_GROUP);
      try {
        const results = await this.store.ingest(
          group.map((g) => g.item),
          this.clock(),
          INGEST_RULES,
        );
        group.forEach((g, i) => g.resolve(results[i]!));
      } catch (err) {
        group.forEach((g) => g.reject(err));
      }
    }
  }
}
