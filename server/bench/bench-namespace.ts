// The bench's bare socket.io round trip: a `/bench` namespace on the server's own socket.io
// instance, with no auth and one `echo` handler that acknowledges what it was sent.
import { Server } from 'socket.io';

/** The namespace the bench's baseline sockets connect to. */
export const BENCH_NAMESPACE = '/bench';

export interface BenchLive {
  /** The server's socket.io instance, once seen. */
  io: Server | null;
}

/**
 * `createApp` does not receive the socket.io server, and this bench-only module may not change
 * how the server is wired. socket.io namespaces are created with `io.of()` right after the app
 * (server.ts registers /rep and /visitor then), so the first such call after this one hands us
 * the instance; the original method is put back at once.
 */
export function captureLiveServer(): BenchLive {
  const live: BenchLive = { io: null };
  const proto = Server.prototype as unknown as { of: (this: Server, ...args: unknown[]) => unknown };
  const original = proto.of;
  proto.of = function ofOnceForBench(this: Server, ...args: unknown[]) {
    proto.of = original;
    live.io = this;
    registerEcho(this);
    return original.apply(this, args);
  };
  return live;
}

function registerEcho(io: Server) {
  io.of(BENCH_NAMESPACE).on('connection', (socket) => {
    socket.on('echo', (payload: unknown, ack: unknown) => {
      if (typeof ack === 'function') ack(payload);
    });
  });
}
