// Issue 7's size budgets, enforced in `npm test` on the built files (the build fails past them
// too): gzip bytes per widget file and the console's entry chunk, as vite.config.ts declares them. Also what must never be in
// a bundle a strict Content-Security-Policy page loads: eval and the Function constructor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { consoleEntryChunk, consoleEntryGzipBudget, widgetEntries } from '../../vite.config';
import { DIST } from '../helpers/test-server';

describe('the widget files', () => {
  it.each(widgetEntries.map((w) => [w.fileName, w.gzipBudget] as const))('%s stays within its gzip budget (%i B)', (fileName, budget) => {
    const code = readFileSync(join(DIST, 'widget', fileName));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(budget);
  });

  it('hold the issues’ budgets: loader 3.75 KB (issue 24, on the way to 3 KB), panel 12 KB, live connection 16 KB', () => {
    const budget = (name: string) => widgetEntries.find((w) => w.fileName === name)!.gzipBudget;
    expect([budget('sixty.js'), budget('sixty-panel.js'), budget('sixty-live.js')]).toEqual([3840, 12288, 16384]);
  });

  it.each(widgetEntries.map((w) => w.fileName))('%s uses no eval and no Function constructor', (fileName) => {
    const code = readFileSync(join(DIST, 'widget', fileName), 'utf8');
    expect(code).not.toMatch(/\beval\(|new Function\(|\bFunction\(/);
  });
});

describe('the console', () => {
  it(`loads an entry chunk within ${consoleEntryGzipBudget} B gzip (heavy parts such as the phone metadata load on demand)`, () => {
    const entry = consoleEntryChunk(readFileSync(join(DIST, 'console', 'index.html'), 'utf8'));
    const code = readFileSync(join(DIST, 'console', entry));
    expect(code.includes('libphonenumber')).toBe(false);
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(consoleEntryGzipBudget);
  });
});
