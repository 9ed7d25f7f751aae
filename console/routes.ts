// The console's pages by path (preact-iso patterns, under /console) and who may open them. Admin
// and manager pages are loaded on demand (dynamic import), so a rep's queue never downloads them.
import type { ComponentType } from 'preact';
import type { Me, UserRole } from '../shared/api';

/** `user`: everyone signed in; `manager`: managers and admins; `admin`: admins only. */
export type Access = 'user' | 'manager' | 'admin';

/** What every signed-in admin page gets. */
export interface PageProps {
  me: Me;
  params: Record<string, string>;
  /** The server no longer knows the session (a 401): back to sign-in. */
  onSessionEnded: () => void;
}

/** What the one-time link landing pages get (no session needed). */
export interface LandingProps {
  params: Record<string, string>;
  onSignedIn: (me: Me) => void;
}

interface Route<P> {
  path: string;
  load: () => Promise<ComponentType<P>>;
}

export interface AdminRoute extends Route<PageProps> {
  access: Access;
}

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { path: '/numbers', access: 'manager', load: () => import('./admin/numbers/NumbersPage').then((m) => m.NumbersPage) },
  { path: '/sites', access: 'manager', load: () => import('./admin/sites/SitesPage').then((m) => m.SitesPage) },
  { path: '/sites/:siteId/rules', access: 'manager', load: () => import('./admin/rules/RulesPage').then((m) => m.RulesPage) },
  { path: '/sites/:siteId/settings', access: 'manager', load: () => import('./admin/sites/SettingsPage').then((m) => m.SettingsPage) },
  { path: '/sites/:siteId/appearance', access: 'manager', load: () => import('./admin/sites/AppearancePage').then((m) => m.AppearancePage) },
  { path: '/sites/:siteId/forms', access: 'manager', load: () => import('./admin/sites/FormsPage').then((m) => m.FormsPage) },
  { path: '/sites/:siteId/routing', access: 'manager', load: () => import('./admin/routing/RoutingRulesPage').then((m) => m.RoutingRulesPage) },
  { path: '/sites/:siteId/routing-settings', access: 'manager', load: () => import('./admin/routing/SiteRoutingPage').then((m) => m.SiteRoutingPage) },
  { path: '/teams', access: 'manager', load: () => import('./admin/routing/TeamsPage').then((m) => m.TeamsPage) },
  { path: '/reps', access: 'manager', load: () => import('./admin/routing/RepsPage').then((m) => m.RepsPage) },
  { path: '/account-owners', access: 'manager', load: () => import('./admin/routing/AccountOwnersPage').then((m) => m.AccountOwnersPage) },
  { path: '/users', access: 'admin', load: () => import('./admin/users/UsersPage').then((m) => m.UsersPage) },
  { path: '/webhooks', access: 'admin', load: () => import('./admin/webhooks/WebhooksPage').then((m) => m.WebhooksPage) },
  { path: '/calendar', access: 'user', load: () => import('./calendar/CalendarPage').then((m) => m.CalendarPage) },
  { path: '/devices', access: 'user', load: () => import('./devices/DevicesPage').then((m) => m.DevicesPage) },
  { path: '/workspace', access: 'admin', load: () => import('./admin/workspace/WorkspacePage').then((m) => m.WorkspacePage) },
  { path: '/erase', access: 'admin', load: () => import('./admin/erase/ErasePage').then((m) => m.ErasePage) },
];

export const LANDING_ROUTES: readonly Route<LandingProps>[] = [
  { path: '/invite/:token', load: () => import('./admin/landing/InvitePage').then((m) => m.InvitePage) },
  { path: '/reset/:token', load: () => import('./admin/landing/ResetPage').then((m) => m.ResetPage) },
];

export function mayOpen(role: UserRole, access: Access): boolean {
  return access === 'user' || role === 'admin' || (access === 'manager' && role === 'manager');
}
