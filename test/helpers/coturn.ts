// A real TURN server for the browser-call tests: Debian's coturn (installed by `npm test`'s
// pretest step, scripts/test-packages.ts, or here when missing) on free loopback ports, with the
// TURN REST API's shared secret (`use-auth-secret`), as docs/deploy.md runs it in production,
// except that loopback peers are allowed here: both test browsers relay to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from './debian-packages';
import { freePort } from './spawn-sixty';
import { waitFor } from './wait-for';

/** Debian's package and the program it provides (scripts/test-packages.ts installs the same). */
export const COTURN = { packages: ['coturn'], binary: 'turnserver' } as const;

/** Relay ports each test server may hand out; a few dozen is plenty for two peers. */
const RELAY_PORTS = 200;

export interface Coturn {
  /** `turn:127.0.0.1:<port>?transport=udp`, for SIXTY_TURN_URLS. */
  url: string;
  port: number;
  /** Everything coturn logged (for a failure's message). */
  log(): string;
  /**
   * Freezes the server (SIGSTOP) until the returned function lets it run on (SIGCONT): no packet
   * is relayed meanwhile, a network drop on the relayed media path. Allocations outlive it.
   */
  freeze(): () => void;
  close(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function startCoturn(secret: string, realm = 'sixty.test'): Promise<Coturn> {
  const binary = ensureDebianPackages(COTURN.packages, { binary: COTURN.binary });
  const dir = mkdtempSync(join(tmpdir(), 'sixty-coturn-'));
  const port = await freePort();
  // Relay ports above Linux's ephemeral range (32768-60999), in a random slice so two test files
  // running at once rarely share one; coturn skips a port already in use.
  const minPort = 61000 + Math.floor(Math.random() * (65535 - 61000 - RELAY_PORTS));
  const args = [
    '-n', // no config file: everything is on this line
    `--listening-ip=127.0.0.1`,
    `--relay-ip=127.0.0.1`,
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${minPort + RELAY_PORTS}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--fingerprint',
    // Test only: both browsers' relays are on 127.0.0.1, so the relays must reach each other there.
    '--allow-loopback-peers',
    '--allowed-peer-ip=127.0.0.1',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    `--userdb=${join(dir, 'turndb')}`,
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor(
      `coturn listening on 127.0.0.1:${port}`,
      async () => {
        if (exited) throw new Error(`turnserver exited at start:\n${output}`);
        return listening(port);
      },
      30_000,
      100,
    );
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    log: () => output,
    freeze() {
      child.kill('SIGSTOP');
      return () => void child.kill('SIGCONT');
    },
    async close() {
      if (!exited) {
        child.kill('SIGCONT'); // a frozen server would not hear the SIGTERM
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
