// The longer fuzz: 100,000 generated hostile requests against the real server process; zero
// 5xx, no crash, and under 50 MB of memory growth: the process's memory after a forced GC
// (heap, external and array buffers, read from the bench-only /bench/memory) after warm-up vs
// at the end. RSS is reported too, but allocators keep freed pages, so it is no leak measure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_ORIGIN } from '../helpers/test-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = Number(process.env.SIXTY_FUZZ_CASES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'sixty-fuzzmem-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('fuzz under load', () => {
  it(`${CASES} hostile requests: zero 5xx and under 50 MB memory growth`, async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SIXTY_DB: join(dir, 'sixty.db'),
        SIXTY_LOG_LEVEL: 'error',
        SIXTY_BENCH: '1',
        SIXTY_LIMIT_CALLBACKS_PER_IP: '0',
        SIXTY_LIMIT_EVENTS_PER_IP: '0',
        SIXTY_LIMIT_CONFIG_PER_IP: '0',
        SIXTY_LIMIT_SIGNINS_PER_IP: '0',
        SIXTY_LIMIT_SIGNINS_PER_ACCOUNT: '0',
        SIXTY_LIMIT_CALLBACKS_PER_SITE: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b) => (out += b));
    child.stderr!.on('data', (b) => (out += b));
    for (let i = 0; i < 300 && !out.includes('Sixty is running'); i++) await new Promise((r) => setTimeout(r, 100));
    const url = `http://127.0.0.1:${port}`;
    const siteKey = /\/s\/([^"/]+)\.js"/.exec(out)![1]!;
    const paths = [
      '/v1/callbacks',
      '/v1/events',
      `/v1/sites/${siteKey}/config`,
      '/v1/console/session',
      '/v1/console/setup',
      '/v1/callbacks/x/slot',
      '/v1/console/invites/x/accept',
    ];
    const key = fc.constantFrom('__proto__', 'constructor', 'siteKey', 'name', 'phone', 'answers', 'events', 'visitorId', 'a'.repeat(100));
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.boolean(),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    const samples = fc.sample(fc.tuple(fc.constantFrom(...paths), value), { numRuns: Math.min(CASES, 5000), seed: 42 });
    let fivexx = 0;
    let warm = 0;
    let warmRss = 0;
    const used = async () => {
      const m = (await (await fetch(`${url}/bench/memory`)).json()) as { heapUsed: number; external: number; arrayBuffers: number; gcForced: boolean };
      expect(m.gcForced).toBe(true);
      return (m.heapUsed + m.external) / 1024 / 1024;
    };
    const concurrency = 16;
    let next = 0;
    async function worker() {
      while (next < CASES) {
        const i = next++;
        if (i === Math.floor(CASES / 10)) {
          warm = await used();
          warmRss = rssMb(child!.pid!);
        }
        const [path, v] = samples[i % samples.length]!;
        const res = await fetch(`${url}${path}`, {
          method: path.endsWith('config') ? 'GET' : 'POST',
          headers: { origin: HOST_ORIGIN },
          ...(path.endsWith('config') ? {} : { body: JSON.stringify(v) }),
        });
        await res.arrayBuffer();
        if (res.status >= 500) fivexx++;
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker));
    const end = await used();
    console.log(
      `fuzz-memory: ${CASES} cases, ${fivexx} 5xx, memory after GC ${warm.toFixed(1)} MB after warm-up -> ${end.toFixed(1)} MB; RSS ${warmRss.toFixed(1)} -> ${rssMb(child.pid!).toFixed(1)} MB`,
    );
    expect(fivexx).toBe(0);
    expect(child.exitCode).toBeNull();
    expect(end - warm).toBeLessThan(50);
  });
});
