// Closed-loop HTTP load with autocannon: as many requests as the server answers.
import autocannon from 'autocannon';
import { EVENT_HEADERS, eventsBody } from '../bench-data';

/** The bare endpoint with one event's body, Sixty's ingest with one, the bare endpoint with a batch's, Sixty's with a batch. */
export type IngestKind = 'bare' | 'single' | 'bareBatch' | 'batch';

export interface HttpLoadArgs {
  url: string;
  kind: IngestKind;
  siteKey: string;
  connections: number;
  seconds: number;
  /** Distinct visitors the events are spread over. */
  visitors: number;
  /** Events per request for `batch` and `bareBatch`. */
  batchSize: number;
}

export interface HttpLoadResult {
  kind: IngestKind;
  seconds: number;
  /** 2xx responses per second. */
  rps: number;
  eventsPerSecond: number;
  /** Milliseconds (autocannon's histogram has 1 ms resolution). */
  latency: { p50: number; p99: number; p999: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const PATHS: Record<IngestKind, string> = { bare: '/bench/bare', single: '/v1/events', bareBatch: '/bench/bare', batch: '/v1/events' };

function runLoad(args: HttpLoadArgs): Promise<HttpLoadResult> {
  const perRequest = args.kind === 'batch' || args.kind === 'bareBatch' ? args.batchSize : 1;
  let n = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: args.url,
        connections: args.connections,
        duration: args.seconds,
        requests: [
          {
            method: 'POST',
            path: PATHS[args.kind],
            headers: EVENT_HEADERS,
            setupRequest: (req) => {
              const i = n++;
              // Each bare kind parses the same body (one event, or a batch) as its ingest kind gets.
              return { ...req, body: eventsBody(args.siteKey, i % args.visitors, i * perRequest, perRequest, Date.now()) };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const ok = result.requests.total - result.non2xx;
        const seconds = result.duration;
        resolve({
          kind: args.kind,
          seconds,
          rps: ok / seconds,
          eventsPerSecond: (ok * perRequest) / seconds,
          latency: { p50: result.latency.p50, p99: result.latency.p99, p999: result.latency.p99_9, max: result.latency.max },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    ),
  );
}

export const httpTasks = {
  /** Runs closed loop for `seconds` and returns the result. */
  'http.run': (args: HttpLoadArgs) => runLoad(args),
};
