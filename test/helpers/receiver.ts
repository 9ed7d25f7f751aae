// A webhook receiver for tests: a real HTTP server on a free port that records every request
// and answers with `status` (200 unless a test changes it).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Receiver {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedRequest[];
  status: number;
  close(): Promise<void>;
}

/**
 * Listens on `host`: `::` (with IPv4 mapped in, where the machine has IPv6) catches whatever
 * spelling of this machine a request uses: 127.0.0.1, ::1, 0.0.0.0.
 */
export async function startReceiver(host = '127.0.0.1'): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body });
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, ipv6Only: false }, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    status: 200,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

/** A port nothing listens on (taken, then freed). */
export async function closedPort(): Promise<number> {
  const r = await startReceiver();
  await r.close();
  return r.port;
}
