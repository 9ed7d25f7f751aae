import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { bodyText, readBody } from '../http/body';
import { captureLiveServer } from './bench-namespace';
import { CpuProfiler } from './cpu-profiler';
import { seedBenchWorkspace, seedRequestSchema } from './seed';

const profileStopSchema = z.strictObject({ path: z.string().min(1).max(1000).nullable().default(null) });

/**
 * Bench-only routes, mounted at `/bench` only when `SIXTY_BENCH=1` (see docs/benchmarks.md):
 * the bare HTTP baseline, memory after a forced GC, CPU time used, seeding, and CPU profiles.
 * They have no auth: never enable them on a server others can reach.
 */
export function benchRoutes(deps: AppDeps) {
  const live = captureLiveServer();
  const profiler = new CpuProfiler();
  const app = new Hono();

  // The ingest baseline: parse JSON, answer 204, store nothing.
  app.post('/bare', async (c) => {
    // Read as Sixty's own endpoints read bodies (bodyText), so the ratio measures Sixty's work.
    JSON.parse(await bodyText(c));
    return c.body(null, 204);
  });

  app.get('/memory', (c) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass can leave objects that only the second collects (weak refs, finalizers).
    gc?.();
    gc?.();
    return c.json({
      ...process.memoryUsage(),
      gcForced: gc !== undefined,
      openFiles: openFiles(),
      engineClients: live.io?.engine.clientsCount ?? null,
      benchNamespace: live.io !== null,
    });
  });

  // Cheap (no GC): CPU time used so far, event-loop utilization, and connected clients.
  app.get('/cpu', (c) => {
    const cpu = process.cpuUsage();
    return c.json({ engineClients: live.io?.engine.clientsCount ?? null, userUs: cpu.user, systemUs: cpu.system, elu: performance.eventLoopUtilization() });
  });

  app.post('/seed', async (c) => c.json(await seedBenchWorkspace(deps, await readBody(c, seedRequestSchema))));

  app.post('/profile/start', async (c) => {
    await profiler.start();
    return c.body(null, 204);
  });

  app.post('/profile/stop', async (c) => {
    const { path } = await readBody(c, profileStopSchema);
    return c.json({ summary: await profiler.stop(path) });
  });

  return app;
}

/** Descriptors in use by this process (Linux); null elsewhere. */
function openFiles(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}
