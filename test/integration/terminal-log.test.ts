// What `npm start` shows, seen from where its output goes: a person's terminal keeps the sign-in
// banner in sight (readable lines, no line per request), while a pipe or a file gets JSON lines
// with every request, the access log operators collect. The terminal is a real pseudo-terminal
// (util-linux `script`), so the server's own `isTTY` check is what is tested.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAN_OPEN_TERMINAL, PROCESS_STARTS, cleanUpSpawned, freePort, start, startInTerminal, tempDir } from '../helpers/spawn-sixty';

afterEach(cleanUpSpawned);

const BANNER_END = 'Print this sign-in again with: npm run demo:credentials';

/** A few requests of the kinds a console and a widget make, each answered before the next. */
async function browse(port: number) {
  for (const path of ['/healthz', '/v1/console/me', '/v1/console/setup', '/healthz']) await fetch(`http://127.0.0.1:${port}${path}`);
}

/** The lines printed after the banner, without the terminal's CR and colours. */
function linesAfterBanner(output: string): string[] {
  const after = output.slice(output.indexOf(BANNER_END) + BANNER_END.length);
  // Colour codes (ESC [ … m) come from pino-pretty on a terminal.
  return after
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('logs of npm start', PROCESS_STARTS, () => {
  it('are JSON lines with every request at info when stdout is a pipe', async () => {
    const port = await freePort();
    const p = start({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db'), SIXTY_LOG_LEVEL: 'info' });
    await p.waitFor(BANNER_END);
    await browse(port);
    await p.waitFor('"path":"/v1/console/setup"');
    const requests = linesAfterBanner(p.output())
      .filter((l) => l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l) as { level: number; method: string; path: string; status: number });
    expect(requests.map((r) => [r.level, r.method, r.path, r.status])).toEqual(
      expect.arrayContaining([
        [30, 'GET', '/healthz', 200],
        [30, 'GET', '/v1/console/me', 401],
        [30, 'GET', '/v1/console/setup', 200],
      ]),
    );
  });

  describe.skipIf(!CAN_OPEN_TERMINAL)('in a terminal', () => {
    it('keep the banner in sight: readable lines, and no line per request', async () => {
      const port = await freePort();
      const p = startInTerminal({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db') });
      await p.waitFor(BANNER_END);
      await browse(port);
      // Stopping logs one info line after the requests: once it shows, anything they logged has too.
      process.kill(p.terminalProcess(), 'SIGTERM');
      await p.waitFor('stopping');
      const lines = linesAfterBanner(p.output());
      expect(lines.find((l) => l.includes('stopping'))).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: stopping: finishing in-flight requests/);
      expect(
        lines.filter((l) => l.startsWith('{')),
        'JSON lines on the terminal',
      ).toEqual([]);
      expect(
        lines.filter((l) => l.includes('request') && !l.includes('in-flight requests')),
        'request lines on the terminal',
      ).toEqual([]);
      expect(p.output()).toContain('dana@demo.sixty  password: ');
    });

    it('show request lines, readable, when SIXTY_LOG_LEVEL=debug', async () => {
      const port = await freePort();
      const p = startInTerminal({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db'), SIXTY_LOG_LEVEL: 'debug' });
      await p.waitFor(BANNER_END);
      await browse(port);
      await p.waitFor('/v1/console/setup');
      const requests = linesAfterBanner(p.output()).filter((l) => l.includes('DEBUG: request'));
      expect(requests.some((l) => /^\[\d\d:\d\d:\d\d\] DEBUG: request .*"path":"\/v1\/console\/me","status":401/.test(l))).toBe(true);
    });

    it('are JSON with every request at info when SIXTY_LOG_FORMAT=json', async () => {
      const port = await freePort();
      const p = startInTerminal({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db'), SIXTY_LOG_FORMAT: 'json' });
      await p.waitFor(BANNER_END);
      await browse(port);
      await p.waitFor('"path":"/v1/console/setup"');
      const request = linesAfterBanner(p.output()).find((l) => l.includes('"path":"/v1/console/me"'));
      expect(JSON.parse(request!)).toMatchObject({ level: 30, msg: 'request', status: 401 });
    });
  });
});
