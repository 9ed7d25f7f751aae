// The guarded fetch against real local receivers: refused before any connection by default,
// allowed through the allow-list, pinned to the address it checked, redirects returned and
// not followed, and failures that say only what kind they were.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_ONLY } from './address-policy';
import { allowListFrom } from './allow-list';
import { createGuardedFetch, OutboundFailure, type Resolve } from './guarded-fetch';

interface Seen {
  host: string | undefined;
  url: string | undefined;
  body: string;
}

let receiver: Server;
let port: number;
const seen: Seen[] = [];
/** What the receiver does with the next request. */
let answer: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      seen.push({ host: req.headers.host, url: req.url, body });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":1}', timeoutMs: 2000 };
const local = allowListFrom(['127.0.0.1']);

/** A resolver that answers from a table and counts its calls. */
function fakeDns(table: Record<string, string[]>): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

async function failure(p: Promise<unknown>): Promise<OutboundFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundFailure);
  return err as OutboundFailure;
}

describe('the guarded fetch', () => {
  it('refuses loopback by default without connecting, whatever the spelling', async () => {
    const fetch = createGuardedFetch({ allow: PUBLIC_ONLY });
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      const err = await failure(fetch(url, post));
      expect(err.message, url).toBe('refused: host not allowed or not found');
    }
    expect(seen).toEqual([]);
  });

  it('sends to an allow-listed address and returns the status, and the body when asked', async () => {
    const fetch = createGuardedFetch({ allow: local });
    const res = await fetch(`http://127.0.0.1:${port}/hook?x=1`, { ...post, maxResponseBytes: 100 });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    expect(seen).toEqual([{ host: `127.0.0.1:${port}`, url: '/hook?x=1', body: '{"hello":1}' }]);
    expect((await fetch(`http://127.0.0.1:${port}/`, post)).body.length).toBe(0);
  });

  it('refuses a name when any address it resolves to is internal', async () => {
    const dns = fakeDns({ 'inside.example': ['10.1.2.3'], 'both.example': ['93.184.216.34', '127.0.0.1'], 'metadata.example': ['::ffff:169.254.169.254'] });
    const fetch = createGuardedFetch({ allow: PUBLIC_ONLY, resolve: dns });
    for (const host of ['inside.example', 'both.example', 'metadata.example']) {
      expect((await failure(fetch(`http://${host}:${port}/`, post))).reason).toBe('refused');
    }
    // An unknown name reads exactly like a refused one.
    expect((await failure(fetch(`http://nowhere.example:${port}/`, post))).message).toBe('refused: host not allowed or not found');
    expect(seen).toEqual([]);
  });

  it('connects to the address it checked, asking DNS once, with the name kept in the Host header', async () => {
    // The system resolver does not know this name: only the pinned answer can reach the receiver.
    const dns = fakeDns({ 'crm.pinned.test': ['127.0.0.1'] });
    const fetch = createGuardedFetch({ allow: local, resolve: dns });
    expect((await fetch(`http://crm.pinned.test:${port}/in`, post)).status).toBe(200);
    expect(dns.calls).toEqual(['crm.pinned.test']);
    expect(seen[0]!.host).toBe(`crm.pinned.test:${port}`);
  });

  it('trusts an allow-listed name whatever it resolves to', async () => {
    const dns = fakeDns({ 'calendar.internal': ['127.0.0.1'] });
    expect((await createGuardedFetch({ allow: allowListFrom(['calendar.internal']), resolve: dns })(`http://calendar.internal:${port}/`, post)).status).toBe(
      200,
    );
    expect((await failure(createGuardedFetch({ allow: PUBLIC_ONLY, resolve: dns })(`http://calendar.internal:${port}/`, post))).reason).toBe('refused');
  });

  it('returns a redirect without following it', async () => {
    answer = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    const res = await createGuardedFetch({ allow: local })(`http://127.0.0.1:${port}/moved`, post);
    expect(res.status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it('tells a timeout, a closed port and an oversized answer apart only by kind', async () => {
    const fetch = createGuardedFetch({ allow: local });
    answer = () => {}; // never answers
    const started = Date.now();
    expect((await failure(fetch(`http://127.0.0.1:${port}/`, { ...post, timeoutMs: 300 }))).message).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await failure(fetch(`http://127.0.0.1:${closedPort}/`, post))).message).toBe('connection failed');

    answer = (_req, res) => res.writeHead(200).end('x'.repeat(5000));
    expect((await failure(fetch(`http://127.0.0.1:${port}/`, { ...post, maxResponseBytes: 1000 }))).message).toBe('response too large');
  });

  it('refuses URLs that are not http(s)', async () => {
    const fetch = createGuardedFetch({ allow: local });
    for (const url of ['file:///etc/passwd', `ftp://127.0.0.1:${port}/`, 'not a url', `gopher://127.0.0.1:${port}/`]) {
      expect((await failure(fetch(url, post))).reason, url).toBe('refused');
    }
    expect(seen).toEqual([]);
  });
});
