import { randomBytes } from 'node:crypto';
import type { Store } from '../db/store';
import { hashPassword } from '../auth/password';
import { DEFAULT_SITE } from '../sites/default-site';

export const DEMO_PASSWORD = 'sixty-demo';
export const DEMO_USERS = [
  { email: 'admin@demo.sixty', name: 'Alex Admin', role: 'admin' as const },
  { email: 'dana@demo.sixty', name: 'Dana Reyes', role: 'rep' as const },
  { email: 'sam@demo.sixty', name: 'Sam Okafor', role: 'rep' as const },
];

/**
 * Demo mode on an empty database: one workspace, one site open to localhost on any port,
 * three must-have questions, one admin and two reps, all with the same printed password.
 */
export async function seedDemo(store: Store, now: number, offerTimeoutMs: number): Promise<{ siteKey: string }> {
  const siteKey = `demo_${randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await store.createWorkspace(
    {
      workspace: { name: 'Acme Commercial Kitchens' },
      sites: [
        {
          ...DEFAULT_SITE(offerTimeoutMs),
          name: 'Acme website',
          siteKey,
          allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
        },
      ],
      users: DEMO_USERS.map((u) => ({ ...u, passwordHash })),
    },
    now,
  );
  return { siteKey };
}
