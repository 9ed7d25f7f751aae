// Bench workspaces made inside the server process: one site open to loopback, N reps already
// signed in (sessions made directly, no password round trips) and available, and the site's
// load protections switched off through its documented tracking settings.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { DUMMY_HASH } from '../auth/password';
import { SESSION_COOKIE, hashToken, newSessionToken } from '../auth/session';
import { DEFAULT_SITE } from '../sites/default-site';

export const seedRequestSchema = z.strictObject({
  name: z.string().min(1).max(100),
  reps: z.number().int().min(0).max(1000),
  /** Open offers and active leads per rep; null keeps the product's defaults. */
  capacity: z.number().int().min(1).max(1000).nullable().default(null),
});
export type SeedRequest = z.infer<typeof seedRequestSchema>;

/** Events per second per visitor the bench site accepts: far above any generator's rate. */
export const BENCH_MAX_EVENTS_PER_SECOND = 1_000_000;

/** The site settings the bench overrides: its generators are HTTP libraries, fast and tireless. */
export const BENCH_PROTECTIONS = { botFilter: false, maxEventsPerSecond: BENCH_MAX_EVENTS_PER_SECOND, minSubmitMs: 0 } as const;
export type BenchProtections = typeof BENCH_PROTECTIONS;

export interface SeededWorkspace {
  workspaceId: string;
  siteId: string;
  siteKey: string;
  reps: Array<{ id: string; email: string; cookie: string }>;
  /** Whether the per-rep capacity could be set (the store supports `updateRep`). */
  capacityApplied: boolean;
  /** What was switched off for this site (its tracking settings), for the report. */
  protections: BenchProtections;
}

export async function seedBenchWorkspace(deps: AppDeps, req: SeedRequest): Promise<SeededWorkspace> {
  const { store, tracking, clock, config } = deps;
  const tag = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
  const siteKey = `bench_${tag}`;
  const reps = Array.from({ length: req.reps }, (_, i) => ({
    email: `rep${i + 1}.${tag}@bench.sixty`,
    name: `Bench Rep ${i + 1}`,
    role: 'rep' as const,
    // No password signs in with this hash: bench reps get their sessions below.
    passwordHash: DUMMY_HASH,
  }));
  const now = clock();
  const created = await store.createWorkspace(
    {
      workspace: { name: `${req.name} ${tag}` },
      sites: [
        {
          ...DEFAULT_SITE(config.offerTimeoutMs),
          name: req.name,
          siteKey,
          allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
        },
      ],
      users: reps,
    },
    now,
  );
  const siteId = created.siteIds[0]!;
  const settings = await tracking.settings(siteId);
  await tracking.saveSettings(siteId, created.workspaceId, { ...settings, ...BENCH_PROTECTIONS });

  let capacityApplied = false;
  const out: SeededWorkspace['reps'] = [];
  for (const [i, id] of created.userIds.entries()) {
    const token = newSessionToken();
    await store.createSession(hashToken(token), id, now, config.sessionTtlMs);
    await store.setPresence(id, 'available');
    if (req.capacity !== null && typeof store.updateRep === 'function') {
      await store.updateRep(id, { offerCapacity: req.capacity, leadCapacity: req.capacity });
      capacityApplied = true;
    }
    out.push({ id, email: reps[i]!.email, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return { workspaceId: created.workspaceId, siteId, siteKey, reps: out, capacityApplied, protections: BENCH_PROTECTIONS };
}
