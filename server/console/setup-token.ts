import { timingSafeEqual } from 'node:crypto';

/**
 * Name of the install's first-run setup token among its stored secrets. `npm start` prints it
 * while the database has no users; creating the first admin needs it, so whoever reaches a fresh
 * install's port first over the network cannot make themselves its admin.
 */
export const SETUP_TOKEN = 'setup-token';

/** Constant-time comparison of a presented token with the stored one. */
export function setupTokenMatches(presented: string, stored: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
