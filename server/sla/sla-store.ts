// What the SLA area keeps in the database: each save of the marketing SLA, managers' digest
// choices and the digest periods already sent. Both stores (server/db/sqlite/sla-ops.ts,
// pg/sla-ops.ts) give this.
import type { MarketingSlaInput } from '../../shared/marketing-sla';
import type { SlaChange } from '../../shared/schemas/sla.schema';
import type { DigestCadence } from './digest-schedule.core';

export interface DigestSubscription {
  userId: string;
  workspaceId: string;
  cadence: DigestCadence;
  timeZone: string;
  since: number;
}

/** A subscription whose user may receive it now: active, and a manager or admin. */
export interface DigestRecipient extends DigestSubscription {
  email: string;
  name: string;
}

export interface SlaStore {
  /** The workspace's saves, newest first (the first is in force). */
  slaHistory(workspaceId: string, limit: number): Promise<SlaChange[]>;
  saveSla(workspaceId: string, input: MarketingSlaInput, by: { id: string; name: string }, at: number): Promise<SlaChange>;
  digestOf(userId: string): Promise<DigestSubscription | null>;
  /** Switches the user's digest on (or changes it); null switches it off. */
  setDigest(userId: string, sub: Omit<DigestSubscription, 'userId'> | null): Promise<void>;
  /** Every subscription of an active manager or admin, install-wide. */
  digestRecipients(): Promise<DigestRecipient[]>;
  /** Records the period as sent to the user; false when it already was (here or by another process). */
  claimDigest(userId: string, period: string, at: number): Promise<boolean>;
  /** Forgets a claim whose mail could not be sent, so the next pass retries it. */
  releaseDigest(userId: string, period: string): Promise<void>;
  /** Deals won with their close time in [from, to): how many, their values summed, and the workspace's currency. */
  wonDeals(workspaceId: string, from: number, to: number): Promise<{ won: number; revenue: number; currency: string }>;
}

/** The roles a digest goes to. */
export const DIGEST_ROLES = ['admin', 'manager'] as const;

/** A stored SLA change row as the API answers it (both dialects' columns have the same names). */
export function slaChangeOf(row: SlaChange & { workspaceId?: string }): SlaChange {
  const { workspaceId: _, ...change } = row;
  return change;
}

export function subscriptionOf<T extends { frequency: string }>(row: T): Omit<T, 'frequency'> & { cadence: DigestCadence } {
  const { frequency, ...rest } = row;
  return { ...rest, cadence: frequency === 'weekly' ? 'weekly' : 'daily' };
}
