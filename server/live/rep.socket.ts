import type { Namespace, Socket } from 'socket.io';
import type { Ack, RepClientToServer, RepServerToClient } from '../../shared/live-events';
import { declineSchema, offerIdSchema, presenceSchema } from '../../shared/schemas/console.schema';
import type { AppDeps } from '../app';
import type { User } from '../db/store';
import { SESSION_COOKIE, cookieFromHeader, hashToken, hostOf } from '../auth/session';
import { registerCallSignalling } from '../calls/call-signal.socket';
import { callCapableSchema } from '../../shared/schemas/call.schema';
import { fieldErrors } from '../http/errors';

/** The error ack of "Available on my devices" chosen with no device to push to (issue 22's contract). */
export const NO_DEVICE_ERROR = 'Turn on alerts on this device first';

type RepSocket = Socket<RepClientToServer, RepServerToClient, Record<string, never>, { user: User; sessionHash: string }>;
type RepNamespace = Namespace<RepClientToServer, RepServerToClient, Record<string, never>, { user: User; sessionHash: string }>;

/** Reps authenticate with their console session cookie; the handshake Origin must be ours. */
export function registerRepNamespace(nsp: RepNamespace, deps: AppDeps) {
  const { store, clock, router, online, log } = deps;

  nsp.use(async (socket, next) => {
    try {
      const origin = socket.handshake.headers.origin;
      const host = socket.handshake.headers.host;
      if (origin && hostOf(origin) !== host) return next(new Error('forbidden'));
      const token = cookieFromHeader(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = token ? await store.userBySession(hashToken(token), clock()) : null;
      if (!user) return next(new Error('unauthenticated'));
      socket.data.user = user;
      socket.data.sessionHash = hashToken(token!);
      next();
    } catch (err) {
      log.error({ err }, 'rep handshake failed');
      next(new Error('internal'));
    }
  });

  nsp.on('connection', (socket: RepSocket) => {
    const user = socket.data.user;
    // The session room lets sign-out end this connection on whichever process holds it.
    void socket.join([`rep:${user.id}`, `session:${socket.data.sessionHash}`]);
    const cameOnline = online.connect(user.id, socket.id);
    if (cameOnline) void safe(() => router.repAvailable(user.workspaceId));

    socket.on('disconnect', () => {
      online.disconnect(user.id, socket.id);
    });

    // This tab can take browser calls (a microphone granted and present), or no longer can: a
    // browser-call lead waiting for such a tab may be offered now.
    socket.on('calls:capable', (e, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = callCapableSchema.safeParse(e);
      if (!parsed.success) return ack({ ok: false, error: 'invalid', message: 'Some fields need attention', fields: fieldErrors(parsed.error) });
      void respond(ack, async () => {
        if (online.callCapable(user.id, socket.id, parsed.data.capable) && parsed.data.capable) await router.repAvailable(user.workspaceId);
        return { ok: true, data: undefined };
      });
    });

    // Browser calls: the rep signals for the offers they accepted.
    registerCallSignalling(socket, { kind: 'rep', repId: user.id }, nsp.server, deps);

    socket.on('offers:sync', (ack) => {
      if (typeof ack !== 'function') return;
      void respond(ack, async () => {
        const me = await store.userById(user.id);
        return { ok: true, data: { presence: me?.presence ?? 'away', offers: await store.openOffersForRep(user.id) } };
      });
    });

    socket.on('presence:set', (presence, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = presenceSchema.safeParse(presence);
      if (!parsed.success) return ack({ ok: false, error: 'invalid' });
      void respond(ack, async () => {
        // Push must be able to reach the rep before routing counts on it.
        if (parsed.data === 'devices' && (await router.devices.deviceCount(user.id)) === 0) return { ok: false, error: 'no_device', message: NO_DEVICE_ERROR };
        await store.setPresence(user.id, parsed.data);
        deps.notify.presenceChanged(user.id, parsed.data);
        if (parsed.data !== 'away') await router.repAvailable(user.workspaceId);
        return { ok: true, data: { presence: parsed.data } };
      });
    });

    socket.on('offer:accept', (e, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = offerIdSchema.safeParse(e);
      if (!parsed.success) return ack({ ok: false, error: 'invalid' });
      void respond(ack, async () => {
        const won = await router.accept(parsed.data.offerId, user.id);
        // A browser call starts with the accept: its record and first trail line, before the rep's console calls.
        if (won.ok && won.data.talk === 'browser' && (await store.browserCallStarted(parsed.data.offerId, clock())))
          return { ok: true, data: (await store.leadCard(won.data.id, user.workspaceId)) ?? won.data };
        return won;
      });
    });

    socket.on('offer:decline', (e, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = declineSchema.safeParse(e);
      if (!parsed.success) return ack({ ok: false, error: 'invalid' });
      void respond(ack, () => router.decline(parsed.data.offerId, user.id, parsed.data.reason ?? null));
    });
  });

  /** Runs a handler and acks its result; an unexpected failure becomes `internal`, never a crash. */
  async function respond<T>(ack: (r: Ack<T>) => void, run: () => Promise<Ack<T>>) {
    try {
      ack(await run());
    } catch (err) {
      log.error({ err }, 'rep socket handler failed');
      ack({ ok: false, error: 'internal' });
    }
  }

  async function safe(run: () => Promise<void>) {
    try {
      await run();
    } catch (err) {
      log.error({ err }, 'routing after connect failed');
    }
  }
}
