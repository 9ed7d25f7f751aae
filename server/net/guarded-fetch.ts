// The one way the server sends a request to a URL that a user or a browser supplied (webhooks
// now; push endpoints and calendar servers later). It resolves the host once, refuses any
// address that is not public (unless allow-listed), and connects to the very addresses it
// checked: a second DNS lookup could answer differently (DNS rebinding). Redirects are never
// followed (a public URL could point anywhere), and failures read the same for every internal
// target, so the result cannot be used to map the server's network.
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressAllowed, targetOf, type AllowList } from './address-policy';

export type OutboundFailureReason = 'refused' | 'connection' | 'timeout' | 'too_large';

/**
 * What a failure says, and all it says. An unresolvable name reads like a refused one: telling
 * them apart would let a user probe which internal host names exist.
 */
const FAILURE_TEXT: Record<OutboundFailureReason, string> = {
  refused: 'refused: host not allowed or not found',
  connection: 'connection failed',
  timeout: 'timeout',
  too_large: 'response too large',
};

/** A request that did not get a response; the detail stays in `cause`, for the server's log only. */
export class OutboundFailure extends Error {
  constructor(
    readonly reason: OutboundFailureReason,
    options?: { cause?: unknown },
  ) {
    super(FAILURE_TEXT[reason], options);
    this.name = 'OutboundFailure';
  }
}

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  /** Text (webhooks) or bytes (an encrypted push payload). */
  body?: string | Buffer;
  /** For the whole exchange: resolving, connecting, sending and the response. */
  timeoutMs: number;
  /** Read the response body up to this many bytes (more is a failure); unset, it is not read. */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  /** 3xx included: redirects are returned, never followed. */
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type GuardedFetch = (url: string, request: OutboundRequest) => Promise<OutboundResponse>;

/** Every address a name resolves to (tests put a fake resolver here). */
export type Resolve = (host: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (host) => lookup(host, { all: true });

export function createGuardedFetch({ allow, resolve = systemResolve }: { allow: AllowList; resolve?: Resolve }): GuardedFetch {
  return async function guardedFetch(raw, request) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch (err) {
      throw new OutboundFailure('refused', { cause: err });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundFailure('refused');
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const addresses = await checkedAddresses(url, allow, resolve, deadline);
    return send(url, addresses, request, deadline);
  };
}

/** The addresses this URL may be reached at, every one checked; or a refusal. */
async function checkedAddresses(url: URL, allow: AllowList, resolve: Resolve, deadline: AbortSignal): Promise<LookupAddress[]> {
  const target = targetOf(url.hostname, allow);
  if (target.kind === 'refused') throw new OutboundFailure('refused');
  if (target.kind === 'address') return [{ address: target.address, family: target.family }];
  let found: LookupAddress[];
  try {
    found = await beforeDeadline(resolve(target.host), deadline);
  } catch (err) {
    throw deadline.aborted ? new OutboundFailure('timeout', { cause: err }) : new OutboundFailure('refused', { cause: err });
  }
  // Every address, not just the first: the socket may try any of them.
  if (found.length === 0 || (!target.trusted && !found.every((a) => addressAllowed(a.address, allow)))) throw new OutboundFailure('refused');
  return found;
}

function beforeDeadline<T>(work: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(deadline.reason);
    if (deadline.aborted) return stop();
    deadline.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', stop));
  });
}

/** Answers the socket's lookup with the checked addresses, so no second DNS query happens. */
function pinned(addresses: LookupAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const fitting = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = fitting.length ? fitting : addresses;
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

function send(url: URL, addresses: LookupAddress[], request: OutboundRequest, deadline: AbortSignal): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const failed = (err: unknown) =>
      reject(err instanceof OutboundFailure ? err : new OutboundFailure(deadline.aborted ? 'timeout' : 'connection', { cause: err }));
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        // The name stays for the Host header and TLS (SNI, certificate check); the lookup pins where it goes.
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        lookup: pinned(addresses),
        // A fresh connection each time: a pooled socket would outlive the check that opened it.
        agent: false,
        signal: deadline,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const max = request.maxResponseBytes;
        if (max === undefined) {
          res.destroy();
          return resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) {
            res.destroy();
            reject(new OutboundFailure('too_large'));
          } else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks, size) }));
        res.on('error', failed);
      },
    );
    req.on('error', failed);
    req.end(request.body);
  });
}
