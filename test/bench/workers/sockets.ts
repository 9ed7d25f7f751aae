// Idle sockets (visitors waiting on /visitor, or bare /bench sockets) and active sockets that
// echo once a second, spread over several loopback source addresses.
import { io, type Socket } from 'socket.io-client';
import { HOST_ORIGIN } from '../bench-data';
import { latency, type Latency } from '../stats';

export interface OpenSocketsArgs {
  url: string;
  namespace: '/visitor' | '/bench';
  count: number;
  /** Visitor tokens, used in turn (several tabs may share one lead's token). */
  tokens?: string[];
  /** Source addresses the connections are spread over (127.0.0.x). */
  localAddresses: string[];
  /** Handshakes in flight at once. */
  concurrency: number;
}

export interface OpenSocketsResult {
  opened: number;
  failed: number;
  firstError: string | null;
  ms: number;
}

const idle: Socket[] = [];
const active: Socket[] = [];
let activeTimers: NodeJS.Timeout[] = [];
let activeSamples: number[] = [];

export function connectSocket(url: string, namespace: string, opts: { token?: string; localAddress?: string; cookie?: string }): Socket {
  return io(`${url}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
    ...(opts.token ? { auth: { token: opts.token } } : {}),
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : { origin: HOST_ORIGIN },
    // engine.io-client passes this to the ws client: which local address to connect from.
    ...(opts.localAddress ? ({ localAddress: opts.localAddress } as object) : {}),
  });
}

export function whenConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error) => reject(err));
  });
}

async function openMany(args: OpenSocketsArgs, into: Socket[]): Promise<OpenSocketsResult> {
  const started = performance.now();
  let next = 0;
  let opened = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async () => {
    while (next < args.count) {
      const i = next++;
      const token = args.tokens?.length ? args.tokens[i % args.tokens.length] : undefined;
      const socket = connectSocket(args.url, args.namespace, { token, localAddress: args.localAddresses[i % args.localAddresses.length] });
      try {
        await whenConnected(socket);
        into.push(socket);
        opened++;
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
        socket.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, args.count) }, lane));
  return { opened, failed, firstError, ms: performance.now() - started };
}

function closeAll(list: Socket[]): number {
  const n = list.length;
  for (const s of list.splice(0)) s.close();
  return n;
}

export const socketTasks = {
  'sockets.open': (args: OpenSocketsArgs) => openMany(args, idle),

  'sockets.close': async (_: null) => ({ closed: closeAll(idle) }),

  /** Opens `count` /bench sockets that each echo every `intervalMs`, at random phases. */
  'active.start': async (args: Omit<OpenSocketsArgs, 'namespace' | 'tokens'> & { intervalMs: number }) => {
    const result = await openMany({ ...args, namespace: '/bench' }, active);
    activeSamples = [];
    for (const socket of active) {
      const ping = () => {
        const t0 = performance.now();
        socket.timeout(10_000).emit('echo', t0, (err: Error | null) => {
          if (!err) activeSamples.push(performance.now() - t0);
        });
      };
      const phase = setTimeout(() => {
        ping();
        activeTimers.push(setInterval(ping, args.intervalMs));
      }, Math.random() * args.intervalMs);
      activeTimers.push(phase);
    }
    return result;
  },

  /** Clears the echo samples so far (e.g. those taken while connecting). */
  'active.reset': async (_: null) => {
    activeSamples = [];
    return null;
  },

  'active.stop': async (_: null): Promise<Latency & { closed: number }> => {
    for (const t of activeTimers) clearTimeout(t);
    activeTimers = [];
    const stats = latency(activeSamples);
    activeSamples = [];
    return { ...stats, closed: closeAll(active) };
  },
};
