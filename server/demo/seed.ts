import { randomBytes } from 'node:crypto';
import type { Store } from '../db/store';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashToken } from '../auth/session';
import type { AdminStore } from '../console/admin-store';
import { ALWAYS_OPEN } from '../routing/hours.core';
import { DEFAULT_SITE } from '../sites/default-site';
import type { DemoWorkspace } from './seed-history';

/** The password of demo workspaces seeded before it was generated: anyone could know it, so it is retired at start. */
export const RETIRED_DEMO_PASSWORD = 'sixty-demo';
export const DEMO_USERS = [
  { email: 'admin@demo.sixty', name: 'Alex Admin', role: 'admin' as const },
  { email: 'dana@demo.sixty', name: 'Dana Reyes', role: 'rep' as const },
  { email: 'sam@demo.sixty', name: 'Sam Okafor', role: 'rep' as const },
];

/**
 * Demo mode on an empty database: one workspace, one site open to localhost on any port,
 * three must-have questions, one admin and two reps, all with the same printed password
 * (generated for this install: see demo-credentials.ts);
 * one team "Sales" with both reps and one catch-all routing rule to it.
 */
export async function seedDemo(store: Store, now: number, offerTimeoutMs: number, password: string): Promise<{ siteKey: string; workspace: DemoWorkspace }> {
  const siteKey = `demo_${randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
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
  await store.createRoutingRule(siteIds[0]!, { name: 'Everyone else', conditions: [], teamId: sales, strategy: 'round_robin', escalateToEveryone: true }, now);
  const site = (await store.siteByKey(siteKey))!;
  const adminUser = DEMO_USERS.findIndex((u) => u.role === 'admin');
  return {
    siteKey,
    // What the demo's history (seed-history.ts) is played into, when demo mode seeds one.
    workspace: { workspaceId, site, teamId: sales, admin: { id: userIds[adminUser]!, name: DEMO_USERS[adminUser]!.name }, passwordHash },
  };
}

/**
 * A demo workspace seeded with the old fixed password (before it was generated) would keep a
 * password anyone can look up: give its demo users the install's own password instead, through
 * the same reset that ends their sessions. Returns whether anything changed.
 */
export async function retireKnownDemoPassword(store: Store, admin: AdminStore, password: string, now: number): Promise<boolean> {
  let changed = false;
  for (const u of DEMO_USERS) {
    const user = await store.userByEmail(u.email);
    if (!user || !(await verifyPassword(RETIRED_DEMO_PASSWORD, user.passwordHash))) continue;
    const token = randomBytes(32).toString('base64url');
    await admin.createPasswordReset(hashToken(token), user.id, user.workspaceId, now, 60_000);
    await admin.usePasswordReset(hashToken(token), await hashPassword(password), now);
    changed = true;
  }
  return changed;
}
