// `npm run build`: the widget scripts, then the console app, then a size report.
// Fails when a widget file outgrows its gzip budget: size is checked on every build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import {
  consoleConfig,
  consoleEntryChunk,
  consoleEntryGzipBudget,
  consoleOutDir,
  repoRoot,
  serviceWorkerConfig,
  shellFiles,
  widgetConfig,
  widgetEntries,
  widgetOutDir,
} from '../vite.config';

const started = performance.now();

await rm(widgetOutDir, { recursive: true, force: true });
// Independent builds into distinct files: running them together keeps the build to seconds.
await Promise.all(widgetEntries.map((w) => build(widgetConfig(w.entry, w.fileName, 'sharesPanelPreact' in w && w.sharesPanelPreact))));

const builtConsole = existsSync(join(repoRoot, 'console/index.html'));
if (builtConsole) {
  await build({ ...consoleConfig(), configFile: false, logLevel: 'warn' });
  // The service worker: its version is a hash of the shell it caches (index.html, which names
  // every hashed entry file, and the unhashed manifest and icons), so any change to them makes a
  // new worker that replaces the old one and its cache.
  const indexHtml = await readFile(join(consoleOutDir, 'index.html'), 'utf8');
  const shell = shellFiles(indexHtml);
  const hash = createHash('sha256').update(indexHtml);
  for (const file of shell) hash.update(await readFile(join(consoleOutDir, file.slice('/console/'.length))));
  await build(serviceWorkerConfig(hash.digest('hex').slice(0, 12), shell));
} else {
  console.warn('console/index.html not found: skipped the console build');
}

const overBudget: string[] = [];
const rows = await Promise.all(
  widgetEntries.map(async (w) => {
    const code = await readFile(join(widgetOutDir, w.fileName));
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    if (gzip > w.gzipBudget) overBudget.push(`${w.fileName}: ${gzip} B gzip > budget ${w.gzipBudget} B`);
    return { file: `dist/widget/${w.fileName}`, raw: code.length, gzip, brotli, budget: w.gzipBudget };
  }),
);
if (builtConsole) {
  // The console's entry chunk: what a rep downloads before the queue shows.
  const entry = consoleEntryChunk(await readFile(join(consoleOutDir, 'index.html'), 'utf8'));
  const code = await readFile(join(consoleOutDir, entry));
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (gzip > consoleEntryGzipBudget) overBudget.push(`console ${entry}: ${gzip} B gzip > budget ${consoleEntryGzipBudget} B`);
  rows.push({ file: 'dist/console entry chunk', raw: code.length, gzip, brotli, budget: consoleEntryGzipBudget });
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
console.log(`\n${'file'.padEnd(28)}${pad('raw', 9)}${pad('gzip', 9)}${pad('brotli', 9)}${pad('gzip budget', 13)}`);
for (const r of rows) console.log(`${r.file.padEnd(28)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}${pad(r.budget, 13)}`);
console.log(`\nbuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (overBudget.length) {
  console.error(`\nover budget:\n  ${overBudget.join('\n  ')}`);
  process.exit(1);
}
