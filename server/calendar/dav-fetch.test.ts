// The fetch tsdav gets, over the real guarded fetch and two local HTTP servers (two origins):
// redirects followed a few hops with the password kept to its own origin, a manual redirect
// handed back, refused logins and server failures thrown, and the guard's refusals kept.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowListFrom, createGuardedFetch, OutboundFailure } from '../net';
import { CalendarHttpFailure, DAV_MAX_REDIRECTS, davFetch } from './dav-fetch';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
let home: Server;
let other: Server;
let homeUrl: string;
let otherUrl: string;

function serve(answer: (path: string) => { status: number; location?: string; body?: string }): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      const a = answer(req.url!);
      // Status 0: a server that accepted the request and never answers.
      if (a.status === 0) return;
      res.writeHead(a.status, { 'content-type': 'application/xml', ...(a.location ? { location: a.location } : {}) }).end(a.body ?? '');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  other = await serve(() => ({ status: 207, body: '<multistatus xmlns="DAV:"/>' }));
  otherUrl = urlOf(other);
  home = await serve((path) => {
    if (path === '/moved') return { status: 301, location: '/dav/' };
    if (path === '/away') return { status: 307, location: `${otherUrl}/dav/` };
    if (path.startsWith('/loop')) return { status: 302, location: `/loop${path.length}` };
    if (path === '/private') return { status: 302, location: 'http://10.0.0.9/dav/' };
    if (path === '/locked') return { status: 401 };
    if (path === '/broken') return { status: 503 };
    if (path === '/slow') return { status: 0 };
    return { status: 207, body: '<multistatus xmlns="DAV:"/>' };
  });
  homeUrl = urlOf(home);
});

afterAll(async () => {
  home.closeAllConnections();
  await new Promise((r) => home.close(r));
  await new Promise((r) => other.close(r));
});

const fetch = davFetch(createGuardedFetch({ allow: allowListFrom(['127.0.0.1']) }), { timeoutMs: 5000 });
const init = { method: 'PROPFIND', headers: { authorization: 'Basic c2VjcmV0', depth: '0' }, body: '<propfind/>' };

describe('davFetch', () => {
  it('follows a redirect on the same server with the method, body and password', async () => {
    seen.length = 0;
    const res = await fetch(`${homeUrl}/moved`, init);
    expect(res.status).toBe(207);
    expect(res.url).toBe(`${homeUrl}/dav/`);
    expect(seen.map((s) => [s.method, s.path, s.headers.authorization, s.body])).toEqual([
      ['PROPFIND', '/moved', 'Basic c2VjcmV0', '<propfind/>'],
      ['PROPFIND', '/dav/', 'Basic c2VjcmV0', '<propfind/>'],
    ]);
  });

  it('follows a redirect to another server without the password', async () => {
    seen.length = 0;
    expect((await fetch(`${homeUrl}/away`, init)).status).toBe(207);
    expect(seen[1]).toMatchObject({ path: '/dav/', headers: { depth: '0' } });
    expect(seen[1]!.headers.authorization).toBeUndefined();
  });

  it('stops after a few hops and hands back the redirect; with redirect: manual, at once', async () => {
    seen.length = 0;
    expect((await fetch(`${homeUrl}/loop`, init)).status).toBe(302);
    expect(seen).toHaveLength(DAV_MAX_REDIRECTS + 1);
    const manual = await fetch(`${homeUrl}/moved`, { ...init, redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([301, '/dav/']);
  });

  it('checks every redirect target with the guard', async () => {
    await expect(fetch(`${homeUrl}/private`, init)).rejects.toThrow(OutboundFailure);
  });

  it('throws on a refused login and on a server failure, so a read never looks like an empty calendar', async () => {
    await expect(fetch(`${homeUrl}/locked`, init)).rejects.toMatchObject({ name: 'CalendarHttpFailure', status: 401 });
    await expect(fetch(`${homeUrl}/broken`, init)).rejects.toBeInstanceOf(CalendarHttpFailure);
  });

  it('gives up on a server that does not answer in time', async () => {
    const impatient = davFetch(createGuardedFetch({ allow: allowListFrom(['127.0.0.1']) }), { timeoutMs: 300 });
    await expect(impatient(`${homeUrl}/slow`, init)).rejects.toMatchObject({ name: 'OutboundFailure', reason: 'timeout' });
  });
});
