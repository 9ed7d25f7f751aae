// The rep's live channel: a typed socket.io connection to the `/rep` namespace.
import { io, type Socket } from 'socket.io-client';
import { REP_NAMESPACE, type AckError, type RepClientToServer, type RepServerToClient } from '../shared/live-events';

export type RepSocket = Socket<RepServerToClient, RepClientToServer>;

/** How long to wait for an acknowledgement before telling the rep something is wrong. */
export const ACK_TIMEOUT_MS = 8000;

/** Same origin: the session cookie authenticates the handshake. */
export function connectRep(): RepSocket {
  return io(REP_NAMESPACE, { withCredentials: true, autoConnect: true });
}

type Split<P> = P extends [...infer Args, (r: infer R) => void] ? { args: Args; result: R } : never;
type EmitArgs<E extends keyof RepClientToServer> = Split<Parameters<RepClientToServer[E]>>['args'];
type AckResult<E extends keyof RepClientToServer> = Split<Parameters<RepClientToServer[E]>>['result'];

/**
 * Emit and wait for the acknowledgement; rejects after ACK_TIMEOUT_MS.
 * (socket.io's `timeout()` typing loses the event map, so the types are restored here.)
 */
export function emitWithAck<E extends keyof RepClientToServer>(socket: RepSocket, event: E, ...args: EmitArgs<E>): Promise<AckResult<E>> {
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck: (ev: E, ...rest: EmitArgs<E>) => Promise<AckResult<E>>;
  };
  return timed.emitWithAck(event, ...args);
}

/** What the rep reads when an offer could not be accepted. */
export function acceptErrorText(error: AckError | 'timeout'): string {
  switch (error) {
    case 'already_taken':
      return 'Already taken by another rep';
    case 'expired':
      return 'This offer expired';
    case 'not_found':
      return 'This offer is no longer available';
    case 'timeout':
      return 'No answer from the server. Try again.';
    default:
      return 'Could not accept this offer';
  }
}
