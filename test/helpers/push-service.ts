// A push service for tests (RFC 8030 receipt on 127.0.0.1: 201 Created with a Location) and the
// browser's side of a subscription (its ECDH P-256 key pair and auth secret), which decrypts each
// push itself with node:crypto (RFC 8291 key derivation, RFC 8188 aes128gcm record). Used by the
// server's push tests and by the console's browser test that hands the push to the worker.
import { createECDH, createHmac, createDecipheriv, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

/** One request the push service received. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

/** A push service on 127.0.0.1: answers each path from its script (then 201), and keeps what it got. */
export class PushService {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server!: Server;
  origin = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
        const status = this.scripts.get(path)?.shift() ?? 201;
        // RFC 8030 §5: 201 Created, the message's own URL in Location.
        if (status === 201) res.writeHead(201, { location: `${this.origin}/messages/${randomBytes(6).toString('hex')}` });
        else res.writeHead(status);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers for a path (e.g. [500] then the default 201; [410] for gone). */
  script(path: string, statuses: number[]) {
    this.scripts.set(path, [...statuses]);
  }

  to(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The browser's side of a subscription: its ECDH key pair and auth secret. */
export interface PushBrowser {
  ecdh: ECDH;
  auth: Buffer;
  endpoint: string;
}

export function newBrowser(endpoint: string): PushBrowser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16), endpoint };
}

export const b64u = (b: Buffer) => b.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
/** HKDF (RFC 5869) with one block of output, enough for every key here. */
const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) => hmac(hmac(salt, ikm), Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** RFC 8291 + RFC 8188: decrypts an aes128gcm body of one record with the subscription's private key. */
export function decrypt(browser: PushBrowser, body: Buffer): unknown {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idLen = body[20]!;
  const asPublic = body.subarray(21, 21 + idLen);
  const record = body.subarray(21 + idLen);
  expect(idLen).toBe(65);
  expect(record.length).toBeLessThanOrEqual(rs);
  const uaPublic = browser.ecdh.getPublicKey();
  const ecdhSecret = browser.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = hkdf(browser.auth, ecdhSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return JSON.parse(padded.subarray(0, end).toString('utf8'));
}
