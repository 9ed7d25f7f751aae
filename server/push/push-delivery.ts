// The real DevicePush (server/push/device-push.ts): carries offers, their closing and notices to
// users' devices through their push services. Every method returns at once; delivery runs in
// the background (routing never waits on a push service), retries with backoff on 429, 5xx and
// connection failures while the offer is still open, and forgets a subscription its push service
// says is gone (404/410). In a cluster each offer's push to a device is claimed in the database
// first, so it goes out once whichever process announced it.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { LeadCard, OfferView } from '../../shared/api';
import type { OfferClosedReason } from '../../shared/live-events';
import { hashToken } from '../auth/session';
import { OutboundFailure } from '../net';
import type { Notifier } from '../routing/router';
import type { DevicePush, OfferMade, UserNotice } from './device-push';
import { closeMessage, noticeMessage, offerMessage, retryAfterMs, retryAt, verdictOf, type PushMessage } from './push-message.core';
import type { SendPush } from './push-sender';
import { LAST_DEVICE_GONE, type PushDevice, type PushStore } from './push-store';

/** A close or a notice is retried for this long: there is no offer lifetime to bound it. */
const NOTICE_RETRY_WINDOW_MS = 60_000;
/** Used or expired action tokens and old delivery claims are kept this long (a late tap still reads "already answered"), then pruned. */
const KEEP_MS = 24 * 3600_000;
/** Pruning runs at most this often, on the next offer pushed to a device. */
const PRUNE_EVERY_MS = 3600_000;

export interface DevicePushDeps {
  push: PushStore;
  /** The offer as the rep's card shows it (store.offerView); null once gone. */
  offerView(offerId: string): Promise<OfferView | null>;
  /** The lead a notice is about (store.leadCard). */
  leadCard(leadId: string, workspaceId: string): Promise<LeadCard | null>;
  send: SendPush;
  /** Tells the rep's open consoles that losing their last device set them away. */
  notify: Pick<Notifier, 'presenceChanged'>;
  clock: () => number;
  log: Logger;
}

export interface DevicePushService extends DevicePush {
  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Ends waits between retries; deliveries in flight finish, none start. */
  stop(): Promise<void>;
}

export function createDevicePush({ push, offerView, leadCard, send, notify, clock, log }: DevicePushDeps): DevicePushService {
  const running = new Set<Promise<void>>();
  /** Each offer's delivery in this process, so its close goes out after it. */
  const offerRuns = new Map<string, Promise<void>>();
  /** Offers closed while their push was still being tried: no more tries. */
  const closed = new Set<string>();
  /** Waits between retries, by the offer they push (if any), so a close or stop can end them. */
  const waits = new Set<{ timer: NodeJS.Timeout; offerId: string | null; done: () => void }>();
  let stopped = false;

  function background(what: string, run: () => Promise<void>): Promise<void> {
    const p = run()
      .catch((err) => log.error({ err }, `push ${what} failed`))
      .finally(() => running.delete(p));
    running.add(p);
    return p;
  }

  function sleepUntil(at: number, offerId: string | null): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        offerId,
        timer: setTimeout(() => entry.done(), Math.max(0, at - clock())),
        done: () => {
          waits.delete(entry);
          clearTimeout(entry.timer);
          resolve();
        },
      };
      waits.add(entry);
    });
  }

  /**
   * Tries one push to one device until it is delivered, refused for good, or `deadline` passes
   * (`build` is called per try, so the TTL counts down). For an offer's push (`offerId`), retries
   * also stop once the offer closes.
   */
  async function deliver(device: PushDevice, build: (now: number) => PushMessage, deadline: number, offerId: string | null = null) {
    const gaveUp = () => offerId !== null && closed.has(offerId);
    for (let attempt = 1; ; attempt++) {
      const now = clock();
      let failure: string;
      let later: number | null = null;
      try {
        const answer = await send(device, build(now));
        const verdict = verdictOf(answer.status);
        if (verdict === 'delivered') return push.deliveryOk(device.id, clock());
        if (verdict === 'gone') return forget(device);
        failure = `push service answered ${answer.status}`;
        if (verdict === 'retry') later = retryAfterMs(answer.retryAfter, now);
        else return push.deliveryFailed(device.id, failure);
      } catch (err) {
        if (!(err instanceof OutboundFailure)) {
          // web-push refused to build the request (keys it cannot encrypt for): no try will do better.
          log.warn({ err, deviceId: device.id }, 'push could not be built for this device');
          return push.deliveryFailed(device.id, 'this device’s subscription keys are not usable');
        }
        failure = err.message;
      }
      await push.deliveryFailed(device.id, failure);
      const next = retryAt(attempt, clock(), deadline, later);
      if (next === null || stopped || gaveUp()) return;
      log.info({ deviceId: device.id, attempt, failure }, 'push will be retried');
      await sleepUntil(next, offerId);
      if (stopped || gaveUp()) return;
    }
  }

  /** The push service says the subscription is gone: remove it (and set its owner away when it was their last device while available on devices). */
  async function forget(device: PushDevice) {
    const dropped = await push.dropDevice(device.id, null, LAST_DEVICE_GONE);
    log.info({ deviceId: device.id, userId: device.userId }, 'push subscription gone: removed');
    if (dropped?.wentAway) notify.presenceChanged(dropped.userId, 'away', LAST_DEVICE_GONE);
  }

  /** The rep's devices whose push of this kind this process won the claim for. */
  async function claimed(offerId: string, repId: string, kind: 'offer' | 'close'): Promise<PushDevice[]> {
    const devices = await push.devicesOf(repId);
    const now = clock();
    const mine: PushDevice[] = [];
    for (const d of devices) if (await push.claimDelivery(offerId, d.id, kind, now)) mine.push(d);
    return mine;
  }

  let prunedAt = 0;
  async function prune(now: number) {
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    await push.prune(now - KEEP_MS);
  }

  async function sendOffer(offer: OfferMade) {
    const devices = await claimed(offer.offerId, offer.repId, 'offer');
    if (devices.length === 0 || closed.has(offer.offerId)) return;
    // Only where pushes are made is there anything to prune; a capture with no device writes nothing here.
    await prune(clock());
    const view = await offerView(offer.offerId);
    if (!view || view.expiresAt <= clock()) return;
    // One token for the rep's devices: whichever acts first uses it.
    const token = randomBytes(32).toString('base64url');
    await push.addActionToken({ hash: hashToken(token), offerId: offer.offerId, repId: offer.repId, expiresAt: view.expiresAt });
    await Promise.all(devices.map((d) => deliver(d, (now) => offerMessage(view, token, now), view.expiresAt, offer.offerId)));
  }

  async function sendClose(repId: string, offerId: string) {
    closed.add(offerId);
    // The offer's own push stops retrying, and finishes before its close goes out (never after it).
    for (const w of [...waits]) if (w.offerId === offerId) w.done();
    await offerRuns.get(offerId);
    const devices = await claimed(offerId, repId, 'close');
    const deadline = clock() + NOTICE_RETRY_WINDOW_MS;
    await Promise.all(devices.map((d) => deliver(d, () => closeMessage(offerId), deadline)));
  }

  async function sendNotice(userId: string, notice: UserNotice) {
    const devices = await push.devicesOf(userId);
    if (devices.length === 0) return;
    const lead = await leadCard(notice.leadId, notice.workspaceId);
    if (!lead) return;
    const message = noticeMessage(notice, lead);
    const deadline = clock() + NOTICE_RETRY_WINDOW_MS;
    await Promise.all(devices.map((d) => deliver(d, () => message, deadline)));
  }

  async function idle() {
    while (running.size) await Promise.all([...running]);
  }

  return {
    deviceCount: (userId) => push.deviceCount(userId),

    offerMade(offer) {
      if (stopped) return;
      const run = background('offer', () => sendOffer(offer)).finally(() => {
        if (offerRuns.get(offer.offerId) === run) offerRuns.delete(offer.offerId);
      });
      offerRuns.set(offer.offerId, run);
    },

    offerClosed(repId: string, offerId: string, _reason: OfferClosedReason) {
      if (stopped) return;
      void background('close', async () => {
        try {
          await sendClose(repId, offerId);
        } finally {
          closed.delete(offerId);
        }
      });
    },

    notice(userId, notice) {
      if (stopped) return;
      void background('notice', () => sendNotice(userId, notice));
    },

    idle,

    async stop() {
      stopped = true;
      for (const w of [...waits]) w.done();
      await idle();
    },
  };
}
