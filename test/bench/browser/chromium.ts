// Debian's Chromium driven by playwright-core, as the browser tests do.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.SIXTY_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
}
