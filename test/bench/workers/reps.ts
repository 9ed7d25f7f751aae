// Reps who accept every offer the moment it arrives (and then log the call's outcome, as a rep
// does, so their capacity frees up), and the visitors who send callbacks at a fixed rate.
// Both live in one process so submit and arrival are timed on one clock.
import type { Socket } from 'socket.io-client';
import type { OfferView } from '../../../shared/api';
import type { Ack } from '../../../shared/live-events';
import { CALLBACK_HEADERS, COLD_ANSWERS, HOT_ANSWERS, callbackBody } from '../bench-data';
import { connectSocket, whenConnected } from './sockets';

interface RepConn {
  id: string;
  cookie: string;
  socket: Socket;
  offers: number;
  accepted: number;
}

export interface RepsOpenArgs {
  url: string;
  reps: Array<{ id: string; cookie: string }>;
  /** Log an outcome right after each accept, freeing the rep's lead capacity. */
  logOutcome: boolean;
}

interface Send {
  t0: number;
  leadId: string | null;
  httpMs: number | null;
}

const reps: RepConn[] = [];
/** Arrival time of each lead's first offer, and of its accepted acknowledgement. */
let offered = new Map<string, number>();
let accepted = new Map<string, number>();
const failures: Record<string, number> = {};
let baseUrl = '';
let logOutcome = false;

function fail(what: string) {
  failures[what] = (failures[what] ?? 0) + 1;
}

function onOffer(rep: RepConn, offer: OfferView) {
  if (!offered.has(offer.leadId)) offered.set(offer.leadId, performance.now());
  rep.offers++;
  rep.socket.timeout(30_000).emit('offer:accept', { offerId: offer.offerId }, (err: Error | null, r: Ack<unknown>) => {
    if (err) return fail('accept_timeout');
    if (!r.ok) return fail(`accept_${r.error}`);
    rep.accepted++;
    accepted.set(offer.leadId, performance.now());
    if (logOutcome) void postOutcome(rep, offer.leadId);
  });
}

async function postOutcome(rep: RepConn, leadId: string) {
  try {
    const res = await fetch(`${baseUrl}/v1/console/leads/${leadId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: rep.cookie },
      body: JSON.stringify({ outcome: 'connected' }),
    });
    if (!res.ok) fail(`outcome_${res.status}`);
    await res.arrayBuffer();
  } catch {
    fail('outcome_error');
  }
}

async function postCallback(url: string, body: string): Promise<{ leadId: string; visitorToken: string } | null> {
  const res = await fetch(`${url}/v1/callbacks`, { method: 'POST', headers: CALLBACK_HEADERS, body });
  const json = (await res.json()) as { leadId?: string; visitorToken?: string };
  if (res.status !== 201 && res.status !== 200) {
    fail(`callback_${res.status}`);
    return null;
  }
  return { leadId: json.leadId!, visitorToken: json.visitorToken! };
}

/** Calls `send(i)` for i in 0..n-1 at `start + i * periodMs`, never waiting for earlier sends. */
function openLoop(n: number, periodMs: number, send: (i: number, scheduledAt: number) => void): Promise<void> {
  const start = performance.now() + 5;
  let next = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < n && start + next * periodMs <= now) {
        send(next, start + next * periodMs);
        next++;
      }
      if (next >= n) return resolve();
      setTimeout(tick, Math.max(0, start + next * periodMs - performance.now()));
    };
    setTimeout(tick, 5);
  });
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

function sendCallbacks(url: string, siteKey: string, n: number, periodMs: number, first: number): { sends: Send[]; sent: Promise<void[]> } {
  const sends: Send[] = [];
  const inFlight: Array<Promise<void>> = [];
  const loop = openLoop(n, periodMs, (i, t0) => {
    const s: Send = { t0, leadId: null, httpMs: null };
    sends.push(s);
    inFlight.push(
      postCallback(url, callbackBody(siteKey, first + i, HOT_ANSWERS)).then(
        (r) => {
          s.leadId = r?.leadId ?? null;
          s.httpMs = performance.now() - t0;
        },
        () => fail('callback_error'),
      ),
    );
  });
  return { sends, sent: loop.then(() => Promise.all(inFlight)) };
}

let callbackSeq = 0;

export const repTasks = {
  'reps.open': async (args: RepsOpenArgs) => {
    baseUrl = args.url;
    logOutcome = args.logOutcome;
    const started = performance.now();
    await Promise.all(
      args.reps.map(async (r) => {
        const socket = connectSocket(args.url, '/rep', { cookie: r.cookie });
        const rep: RepConn = { id: r.id, cookie: r.cookie, socket, offers: 0, accepted: 0 };
        socket.on('offer:new', (offer: OfferView) => onOffer(rep, offer));
        await whenConnected(socket);
        reps.push(rep);
      }),
    );
    return { connected: reps.length, ms: performance.now() - started };
  },

  'reps.close': async (_: null) => {
    for (const r of reps.splice(0)) r.socket.close();
    offered = new Map();
    accepted = new Map();
    for (const k of Object.keys(failures)) delete failures[k];
    return null;
  },

  /** Cold callbacks on a site nobody routes: leads whose tokens idle visitor sockets present. */
  'callbacks.create': async (args: { url: string; siteKey: string; count: number; concurrency: number }) => {
    const tokens: string[] = [];
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < args.count) {
        next++;
        const r = await postCallback(args.url, callbackBody(args.siteKey, callbackSeq++, COLD_ANSWERS));
        if (r) tokens.push(r.visitorToken);
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, lane));
    return { tokens, ms: performance.now() - started, failures: { ...failures } };
  },

  /**
   * Figure 1's probe: hot callbacks at `rate` per second (open loop: each is timed from when it
   * was due), to the `offer:new` at a rep's socket; beside each, a bare echo on `/bench`.
   */
  'probe.run': async (args: { url: string; siteKey: string; rate: number; seconds: number; settleMs: number }) => {
    const n = Math.max(1, Math.round(args.rate * args.seconds));
    const period = 1000 / args.rate;
    const echo = connectSocket(args.url, '/bench', {});
    await whenConnected(echo);
    const echoes: number[] = [];
    let echoLost = 0;
    const echoLoop = openLoop(n, period, (_i, t0) => {
      echo.timeout(10_000).emit('echo', t0, (err: Error | null) => {
        if (err) echoLost++;
        else echoes.push(performance.now() - t0);
      });
    });
    const { sends, sent } = sendCallbacks(args.url, args.siteKey, n, period, callbackSeq);
    callbackSeq += n;
    await Promise.all([sent, echoLoop]);
    await waitFor(() => sends.every((s) => s.leadId === null || offered.has(s.leadId)), args.settleMs);
    await waitFor(() => echoes.length + echoLost >= n, 2000);
    echo.close();
    const samples: number[] = [];
    let missing = 0;
    for (const s of sends) {
      const at = s.leadId ? offered.get(s.leadId) : undefined;
      if (at === undefined) missing++;
      else samples.push(at - s.t0);
    }
    return {
      submitToOffer: samples,
      echo: echoes,
      http: sends.flatMap((s) => (s.httpMs === null ? [] : [s.httpMs])),
      missing,
      echoLost,
      failures: { ...failures },
    };
  },

  /**
   * Figure 6: `leads` hot callbacks spread evenly over `windowMs`; resolves when every created
   * lead has been accepted (or at the timeout) with the time that took and who got what.
   */
  'volume.run': async (args: { url: string; siteKey: string; leads: number; windowMs: number; timeoutMs: number }) => {
    offered = new Map();
    accepted = new Map();
    for (const r of reps) {
      r.offers = 0;
      r.accepted = 0;
    }
    const period = args.windowMs / args.leads;
    const { sends, sent } = sendCallbacks(args.url, args.siteKey, args.leads, period, callbackSeq);
    callbackSeq += args.leads;
    await sent;
    const created = sends.filter((s) => s.leadId !== null);
    const all = await waitFor(() => created.every((s) => accepted.has(s.leadId!)), args.timeoutMs);
    const acceptedAt = created.flatMap((s) => (accepted.has(s.leadId!) ? [accepted.get(s.leadId!)! - s.t0] : []));
    const last = Math.max(...created.map((s) => accepted.get(s.leadId!) ?? -Infinity));
    return {
      sent: sends.length,
      created: created.length,
      accepted: acceptedAt.length,
      allAccepted: all,
      /** From the first callback's due time to the last accept. */
      allAcceptedMs: all ? last - Math.min(...sends.map((s) => s.t0)) : null,
      submitToAccept: acceptedAt,
      perRep: reps.map((r) => r.accepted),
      offersPerRep: reps.map((r) => r.offers),
      failures: { ...failures },
    };
  },

  /** Figure 6's floor: the same arrival pattern through a bare POST and a bare echo each. */
  'volume.baseline': async (args: { url: string; leads: number; windowMs: number }) => {
    const echo = connectSocket(args.url, '/bench', {});
    await whenConnected(echo);
    const period = args.windowMs / args.leads;
    let first = Infinity;
    let last = 0;
    const done: Array<Promise<void>> = [];
    await openLoop(args.leads, period, (i, t0) => {
      first = Math.min(first, t0);
      done.push(
        fetch(`${args.url}/bench/bare`, { method: 'POST', headers: CALLBACK_HEADERS, body: callbackBody('bare', i, HOT_ANSWERS) })
          .then((r) => r.arrayBuffer())
          .then(() => new Promise<void>((resolve) => echo.emit('echo', i, () => resolve())))
          .then(() => {
            last = Math.max(last, performance.now());
          }),
      );
    });
    await Promise.all(done);
    echo.close();
    return { allDoneMs: last - first };
  },
};
