// The visitor's status on (re)connection: read after joining the lead's room, so nothing is
// missed, and never sent when a newer push reached the socket while the read was under way.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitorStatus } from '../../shared/api';
import type { AppDeps } from '../app';
import { visitorToken } from '../callbacks/visitor-token';
import { registerVisitorNamespace } from './visitor.socket';

const SECRET = 'visitor-socket-test-secret';
const LEAD = 'lead-under-test';
const WAITING: VisitorStatus = { state: 'waiting' } as VisitorStatus;
const ACCEPTED: VisitorStatus = { state: 'accepted', repName: 'Dana' } as VisitorStatus;

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

/** A server whose status read waits for `release`; the test pushes meanwhile, or not. */
async function serve() {
  let release: () => void = () => undefined;
  let started!: () => void;
  const readStarted = new Promise<void>((r) => (started = r));
  const statusOf = async (): Promise<VisitorStatus | null> => {
    started();
    await new Promise<void>((r) => (release = r));
    return WAITING;
  };
  const http = createServer();
  const ioServer = new Server(http);
  const nsp = ioServer.of('/visitor');
  const deps = {
    store: { siteOfLead: async () => ({ allowedOrigins: ['*'] }) },
    router: { statusOf },
    log: { error: () => undefined },
    visitorSecret: SECRET,
  } as unknown as AppDeps;
  registerVisitorNamespace(nsp as never, deps);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/visitor`;
  stop = async () => {
    await new Promise<void>((r) => ioServer.close(() => r()));
  };
  return { url, nsp, readStarted, release: () => release() };
}

function visitor(url: string): { socket: Socket; seen: VisitorStatus[] } {
  const socket = connect(url, { auth: { token: visitorToken(SECRET, LEAD) }, transports: ['websocket'] });
  const seen: VisitorStatus[] = [];
  socket.on('lead:status', (s: VisitorStatus) => seen.push(s));
  return { socket, seen };
}

describe('the visitor namespace on connection', () => {
  it('sends the current status it read', async () => {
    const s = await serve();
    const v = visitor(s.url);
    await s.readStarted;
    s.release();
    await expect.poll(() => v.seen).toEqual([WAITING]);
    v.socket.close();
  });

  it('does not overwrite a push that arrived while it was reading with the older status it read', async () => {
    const s = await serve();
    const v = visitor(s.url);
    await s.readStarted;
    // An accept committed and pushed while the read was under way.
    s.nsp.to(`lead:${LEAD}`).emit('lead:status', ACCEPTED);
    await expect.poll(() => v.seen).toEqual([ACCEPTED]);
    s.release();
    // Give a stale emit every chance to arrive.
    await new Promise((r) => setTimeout(r, 200));
    expect(v.seen).toEqual([ACCEPTED]);
    v.socket.close();
  });
});
