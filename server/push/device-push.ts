// The seam between routing and Web Push (issue 22). Routing decides who is offered what and
// when; this port carries those decisions to a rep's installed devices (phones, closed tabs).
// Routing never waits on it: every method returns at once and delivery happens outside the
// request path, so a slow push service can never delay the live socket push.
import type { OfferClosedReason } from '../../shared/live-events';

/** An offer just committed for a rep, as much as a push needs to find and describe it. */
export interface OfferMade {
  offerId: string;
  workspaceId: string;
  leadId: string;
  repId: string;
  /** Epoch ms: pushes stop being retried after this, and the notification shows the countdown to it. */
  expiresAt: number;
  /** The escalation step that made the offer (offers.step): 'device' when only the device tier was asked. */
  step: string;
}

/** Something a user must look at now that is not an offer. */
export type UserNotice =
  | { kind: 'manager_alert'; workspaceId: string; leadId: string; at: number }
  | { kind: 'callback_due'; workspaceId: string; leadId: string; at: number }
  | { kind: 'follow_up_due'; workspaceId: string; leadId: string; at: number };

export interface DevicePush {
  /** How many push subscriptions (devices) the user has; 0 means push cannot reach them. */
  deviceCount(userId: string): Promise<number>;
  /** A committed offer: push it to the rep's devices when the rep has any (fire and forget). */
  offerMade(offer: OfferMade): void;
  /** The offer was accepted, declined, expired or reassigned: close its notification on every device. */
  offerClosed(repId: string, offerId: string, reason: OfferClosedReason): void;
  /** A notice for one user's devices (fire and forget). */
  notice(userId: string, notice: UserNotice): void;
}

/** No devices anywhere: the default until push is wired (tests, simulations, the bench). */
export const NO_DEVICE_PUSH: DevicePush = {
  deviceCount: async () => 0,
  offerMade: () => {},
  offerClosed: () => {},
  notice: () => {},
};
