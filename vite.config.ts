// Build configuration for everything the browser loads. `npm run build` (scripts/build.ts) drives
// one Vite build per widget entry, because Vite cannot code-split an IIFE build, then the console.
// As a config file this builds (or serves) the console app: `npx vite build`.
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig, type UserConfig } from 'vite';

export const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Preact's automatic JSX runtime. Vite also infers it from tsconfig's jsxImportSource; saying it
 * here keeps the bundles right if that inference changes (oxc's own default is React). */
export const preactJsx: UserConfig['oxc'] = { jsx: { runtime: 'automatic', importSource: 'preact' } };

/** Where the server serves the widget files from (at the site root: `/sixty.js`). */
export const widgetOutDir = fromRoot('dist/widget');

/** The widget's classic scripts. Budgets are gzip bytes; the loader's is what every page pays. */
export const widgetEntries = [
  { entry: 'widget/loader/index.ts', fileName: 'sixty.js', gzipBudget: 4 * 1024 },
  // Behaviour tracking, injected only once tracking is allowed (consent, no GPC/DNT).
  { entry: 'widget/track/index.ts', fileName: 'sixty-track.js', gzipBudget: 4 * 1024 },
  { entry: 'widget/panel/index.tsx', fileName: 'sixty-panel.js', gzipBudget: 16 * 1024 },
  { entry: 'widget/live/index.ts', fileName: 'sixty-live.js', gzipBudget: 20 * 1024 },
] as const;

/** One self-contained IIFE: no imports at runtime, no module syntax, safe as a classic script. */
export function widgetConfig(entry: string, fileName: string): InlineConfig {
  return {
    configFile: false,
    root: repoRoot,
    publicDir: false,
    logLevel: 'warn',
    oxc: preactJsx,
    // Library mode leaves process.env.NODE_ENV alone; Preact and socket.io's debug branches need it.
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: widgetOutDir,
      // The three builds share the folder; scripts/build.ts empties it once before them.
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      minify: true,
      // Old enough for the browsers marketers' visitors still use, new enough to stay small.
      target: 'es2019',
      lib: {
        entry: fromRoot(entry),
        formats: ['iife'],
        // Required by Vite for IIFE builds. The entries export nothing, so no global is created;
        // each bundle registers itself on `window.sixty` instead.
        name: 'sixtyBundle',
        fileName: () => fileName,
      },
    },
  };
}

/** The console SPA, served by the server under /console/. */
export function consoleConfig(): UserConfig {
  return {
    root: fromRoot('console'),
    base: '/console/',
    oxc: preactJsx,
    build: {
      outDir: fromRoot('dist/console'),
      emptyOutDir: true,
      target: 'es2020',
    },
  };
}

// Vitest has its own vitest.config.ts, so this default is only ever the console app.
export default defineConfig(consoleConfig());
