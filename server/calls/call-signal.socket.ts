// Browser-call signalling over the live channel: a visitor's or a rep's socket sends an offer,
// an answer, ICE candidates or a hang-up for one accepted offer, and Sixty relays it to the other
// party through the rooms the rest of the live code uses (`rep:<id>`, `lead:<id>`), so in a
// cluster the Redis adapter carries it to whichever process holds that socket.
import type { Server, Socket } from 'socket.io';
import type { Ack, CallClientToServer, CallServerToClient } from '../../shared/live-events';
import { REP_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/live-events';
import { callOfferIdSchema, callReportSchema, callSignalSchema } from '../../shared/schemas/call.schema';
import type { AppDeps } from '../app';
import type { CallFacts } from '../db/store';
import { fieldErrors } from '../http/errors';
import { iceServersFor } from './ice-servers.core';
import { maySignal, type CallParty, type SignalDecision } from './may-signal.core';
import { FRESH_BUDGET, spendSignal } from './signal-budget.core';

/** Call messages (signals and ICE server requests) one socket may send per second; the rest are refused. */
export const SIGNALS_PER_SECOND = 40;

type CallSocket = Socket<CallClientToServer, CallServerToClient>;
type Refusal = Extract<SignalDecision, { ok: false }>['reason'];

/** What each refusal tells the client: only known codes, with words a console or widget can show. */
const REFUSALS: Record<Refusal, Extract<Ack, { ok: false }>> = {
  not_found: { ok: false, error: 'not_found' },
  forbidden: { ok: false, error: 'forbidden' },
  not_accepted: { ok: false, error: 'forbidden', message: 'The call starts once a rep accepts' },
  ended: { ok: false, error: 'expired', message: 'This call has ended' },
};

const NOT_A_BROWSER_CALL: Extract<Ack, { ok: false }> = { ok: false, error: 'not_found', message: 'This offer is not a browser call' };
const RATE_LIMITED: Extract<Ack, { ok: false }> = { ok: false, error: 'rate_limited', message: 'Too many call messages: slow down' };

/** Adds the call handlers to one connected socket; `party` is who the socket is (set by its namespace's auth). */
export function registerCallSignalling(socket: CallSocket, party: CallParty, io: Server, deps: Pick<AppDeps, 'store' | 'clock' | 'log' | 'config' | 'notify'>) {
  const { store, clock, log } = deps;
  let budget = FRESH_BUDGET;

  /** Spends one message of this socket's budget; false (and the ack said so) when it is spent. */
  function withinBudget(ack: (r: Ack<never>) => void): boolean {
    const spent = spendSignal(budget, SIGNALS_PER_SECOND, clock());
    budget = spent.budget;
    if (!spent.allowed) ack(RATE_LIMITED);
    return spent.allowed;
  }

  /** May this socket act for the offer? Refusals are acked; a third party's attempt is logged. */
  async function decide(offerId: string, ack: (r: Ack<never>) => void, known?: CallFacts | null): Promise<CallParty | null> {
    const decision = maySignal(party, known === undefined ? await store.callFacts(offerId) : known);
    if (decision.ok) return decision.to;
    if (decision.reason === 'forbidden') log.warn({ offerId, party }, 'call signalling from a socket that is not a party of the call: ignored');
    ack(REFUSALS[decision.reason]);
    return null;
  }

  socket.on('call:signal', (signal, ack) => {
    if (typeof ack !== 'function') return;
    if (!withinBudget(ack)) return;
    const parsed = callSignalSchema.safeParse(signal);
    if (!parsed.success) return ack({ ok: false, error: 'invalid', message: 'Some fields need attention', fields: fieldErrors(parsed.error) });
    void respond(ack, async () => {
      const to = await decide(parsed.data.offerId, ack);
      if (!to) return null;
      if (to.kind === 'rep') io.of(REP_NAMESPACE).to(`rep:${to.repId}`).emit('call:signal', parsed.data);
      else io.of(VISITOR_NAMESPACE).to(`lead:${to.leadId}`).emit('call:signal', parsed.data);
      return { ok: true, data: undefined };
    });
  });

  socket.on('call:ice-servers', (e, ack) => {
    if (typeof ack !== 'function') return;
    if (!withinBudget(ack)) return;
    const parsed = callOfferIdSchema.safeParse(e);
    if (!parsed.success) return ack({ ok: false, error: 'invalid', message: 'Some fields need attention', fields: fieldErrors(parsed.error) });
    void respond(ack, async () => {
      if (!(await decide(parsed.data.offerId, ack))) return null;
      // The TURN username names the call and the side, so coturn's log says whose relay it is.
      const id = `${parsed.data.offerId}-${party.kind}`;
      return { ok: true, data: iceServersFor(deps.config.turn, id, clock()) };
    });
  });

  // What happened to the call, for its record: the same two parties as its signalling.
  socket.on('call:report', (report, ack) => {
    if (typeof ack !== 'function') return;
    if (!withinBudget(ack)) return;
    const parsed = callReportSchema.safeParse(report);
    if (!parsed.success) return ack({ ok: false, error: 'invalid', message: 'Some fields need attention', fields: fieldErrors(parsed.error) });
    void respond(ack, async () => {
      const facts = await store.callFacts(parsed.data.offerId);
      if (!(await decide(parsed.data.offerId, ack, facts))) return null;
      if (!(await store.recordCallReport(parsed.data.offerId, party.kind, parsed.data, clock()))) return NOT_A_BROWSER_CALL;
      // The rep's open lead card shows the call on its trail (and its first call time).
      const card = await store.leadCard(facts!.leadId, facts!.workspaceId);
      if (card) deps.notify.leadUpdated(facts!.repId, card);
      return { ok: true, data: undefined };
    });
  });

  /** Runs a handler and acks its result (null: it acked a refusal itself); a failure becomes `internal`, never a crash. */
  async function respond<T>(ack: (r: Ack<T>) => void, run: () => Promise<Ack<T> | null>) {
    try {
      const result = await run();
      if (result) ack(result);
    } catch (err) {
      log.error({ err }, 'call signalling failed');
      ack({ ok: false, error: 'internal' });
    }
  }
}
