// A steady open-loop HTTP load: requests go out evenly at the asked rate. (autocannon's rate
// limit sends each second's quota as fast as it can and then pauses, which alternates between a
// saturated server and an idle one.) At most `connections` requests are outstanding: when the
// server falls behind, the requests that would wait in this process are shed and counted, so
// the background never turns into a backlog that outlives the measurement.
import { Agent, request } from 'node:http';
import { EVENT_HEADERS, eventsBody } from '../bench-data';
import { latency, type Latency } from '../stats';

export interface PacedArgs {
  url: string;
  siteKey: string;
  /** Requests per second. */
  rate: number;
  visitors: number;
  eventsPerRequest: number;
  /** Keep-alive connections, and requests outstanding, at most. */
  connections: number;
}

export interface PacedResult {
  seconds: number;
  sent: number;
  /** Due but not sent because `connections` requests were already outstanding. */
  shed: number;
  ok: number;
  failed: number;
  /** 2xx responses per second. */
  rps: number;
  /** Milliseconds from when each request was due. */
  latency: Latency;
}

let running: { stop: () => Promise<PacedResult> } | null = null;

function start(args: PacedArgs): { stop: () => Promise<PacedResult> } {
  const url = new URL('/v1/events', args.url);
  const agent = new Agent({ keepAlive: true, maxSockets: args.connections });
  const samples: number[] = [];
  let sent = 0;
  let shed = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  let stopped = false;
  const period = 1000 / args.rate;
  const t0 = performance.now();

  const send = (i: number, due: number) => {
    if (inFlight >= args.connections) {
      shed++;
      return;
    }
    sent++;
    inFlight++;
    const body = eventsBody(args.siteKey, i % args.visitors, i * args.eventsPerRequest, args.eventsPerRequest, Date.now());
    const req = request(url, { method: 'POST', agent, headers: { ...EVENT_HEADERS, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        if (res.statusCode && res.statusCode < 300) {
          ok++;
          samples.push(performance.now() - due);
        } else failed++;
      });
    });
    req.on('error', () => {
      inFlight--;
      failed++;
    });
    req.end(body);
  };

  let next = 0;
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    while (t0 + next * period <= now) {
      send(next, t0 + next * period);
      next++;
    }
    setTimeout(tick, Math.max(0, t0 + next * period - performance.now()));
  };
  tick();

  return {
    stop: async () => {
      stopped = true;
      const seconds = (performance.now() - t0) / 1000;
      const until = performance.now() + 10_000;
      while (inFlight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
      agent.destroy();
      return { seconds, sent, shed, ok, failed, rps: ok / seconds, latency: latency(samples) };
    },
  };
}

export const pacedTasks = {
  'paced.start': async (args: PacedArgs) => {
    if (running) throw new Error('a paced load is already running');
    running = start(args);
    return null;
  },
  'paced.stop': async (_: null) => {
    const r = running;
    running = null;
    return r ? r.stop() : null;
  },
};
