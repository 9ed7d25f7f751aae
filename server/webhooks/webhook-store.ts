import type { Delivery, WebhookView } from '../../shared/console-api';
import type { WebhookEvent } from './topics';

export interface Webhook {
  id: string;
  workspaceId: string;
  url: string;
  kind: 'signed' | 'slack';
  secret: string;
  /** Topics it receives; `*` is every topic. */
  topics: WebhookView['topics'];
  active: boolean;
  createdAt: number;
}

export type { Delivery };

export interface WebhookStore {
  list(workspaceId: string): Promise<Webhook[]>;
  create(w: Omit<Webhook, 'active'>): Promise<void>;
  remove(workspaceId: string, id: string): Promise<boolean>;
  deliveries(workspaceId: string, webhookId: string, limit: number): Promise<Delivery[]>;
  /**
   * Starts the fan-out's cursors at the current end of each event source, where none is stored
   * yet (a new install): history from before is not replayed, and every event committed after
   * this fans out. Run before the server takes requests: a cursor first set by a later fan-out
   * would skip the events committed in between.
   */
  startCursors(): Promise<void>;
  /**
   * Reads committed events past the stored cursors, creates a delivery per subscribed webhook,
   * and advances the cursors, all in one transaction (so each event fans out exactly once).
   */
  fanOut(now: number, render: (e: WebhookEvent, w: Webhook) => string): Promise<number>;
  due(now: number, limit: number): Promise<Array<Delivery & { url: string; kind: Webhook['kind']; secret: string }>>;
  /** Claims a due delivery so concurrent ticks do not send it twice. */
  claim(id: number, until: number, now: number): Promise<boolean>;
  delivered(id: number, status: number, now: number): Promise<void>;
  failed(id: number, status: number | null, error: string, nextAt: number | null): Promise<void>;
  replay(workspaceId: string, id: number, now: number): Promise<boolean>;
}
