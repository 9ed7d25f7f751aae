import { randomBytes } from 'node:crypto';
import type { Store } from '../db/store';
import { hashPassword } from '../auth/password';
import { ALWAYS_OPEN } from '../routing/hours.core';
import { DEFAULT_SITE } from '../sites/default-site';

export const DEMO_PASSWORD = 'sixty-demo';
export const DEMO_USERS = [
  { email: 'admin@demo.sixty', name: 'Alex Admin', role: 'admin' as const },
  { email: 'dana@demo.sixty', name: 'Dana Reyes', role: 'rep' as const },
  { email: 'sam@demo.sixty', name: 'Sam Okafor', role: 'rep' as const },
];

/**
 * Demo mode on an empty database: one workspace, one site open to localhost on any port,
 * three must-have questions, one admin and two reps, all with the same printed password;
 * one team "Sales" with both reps and one catch-all routing rule to it.
 */
export async function seedDemo(store: Store, now: number, offerTimeoutMs: number): Promise<{ siteKey: string }> {
  const siteKey = `demo_${randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { workspaceId, userIds, siteIds } = await store.createWorkspace(
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
  const reps = userIds.filter((_, i) => DEMO_USERS[i]!.role === 'rep');
  // Open around the clock so the demo routes live at any hour; a real team sets its own
  // weekly hours, time zone and holidays (e.g. weeklyHours('Europe/Berlin', [1,2,3,4,5], '09:00', '17:00')).
  const sales = await store.createTeam(workspaceId, { name: 'Sales', hours: ALWAYS_OPEN, members: reps.map((repId) => ({ repId })) }, now);
  await store.createRoutingRule(
    siteIds[0]!,
    { name: 'Everyone else', conditions: [], teamId: sales, strategy: 'round_robin', escalateToEveryone: true },
    now,
  );
  return { siteKey };
}
