// Debian's Chromium driven by playwright-core. No skip when it is missing: the test fails.
import { createServer, type Server } from 'node:http';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { BROWSER_UA } from './test-server';

export const CHROMIUM = process.env.SIXTY_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../.artifacts', import.meta.url));

/** `extraArgs`: Chromium switches a test needs beside these (fake media devices for the call tests). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // A person's browser to the bot filter (HeadlessChrome's own User-Agent is on its list).
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      `--user-agent=${BROWSER_UA}`,
      ...extraArgs,
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}/${name}.png`;
}

export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a fixture host page from its own origin (`http://localhost:PORT`), different from the
 * Sixty server's, with `{{SIXTY}}` and `{{SITE_KEY}}` filled in: the widget runs cross-origin
 * exactly as it does on a customer's site.
 */
export async function serveHostPage(fixture: string, sixtyUrl: string, siteKey: string): Promise<HostPage> {
  const html = readFileSync(fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url)), 'utf8')
    .replaceAll('{{SIXTY}}', sixtyUrl)
    .replaceAll('{{SITE_KEY}}', siteKey);
  const server: Server = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
