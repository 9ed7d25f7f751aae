// Response shapes of the admin endpoints. Types only (erased from the bundle): they come from
// the server modules that produce them until they move to shared/api.ts.
import type { UserRole } from '../../shared/api';
import type { SiteRules } from '../../shared/site-rules';
import type { RulesVersionRow, SiteSettings } from '../../server/tracking/tracking-store';
import type { AppearanceSettings, SiteInstall } from '../../server/sites/sites-admin-store';

export type { BehaviourRule, Disqualifier, FitRule, Question, QuestionOption, SiteRules } from '../../shared/site-rules';
export type { RulesVersionRow, SiteSettings } from '../../server/tracking/tracking-store';
export type { BacktestCounts, BacktestResult } from '../../server/tracking/backtest.core';
export type { Appearance, AppearanceSettings, SiteInstall } from '../../server/sites/sites-admin-store';
export type { Delivery, Webhook } from '../../server/webhooks/webhook-store';
export type { NewWebhook, WebhookView } from '../../server/webhooks/webhook-view';
export type { Topic } from '../../server/webhooks/topics';
export type { UserRow } from '../../server/console/admin-store';
export type { ErasureResult } from '../../server/db/erasure';
export type { Distribution, SpeedReport } from '../../server/reports/speed-to-lead.core';
export type { FunnelReport } from '../../server/reports/funnel.core';
import type { SpeedReport } from '../../server/reports/speed-to-lead.core';
import type { FunnelReport } from '../../server/reports/funnel.core';

/** `GET /v1/sites/:siteId/rules`. */
export interface RulesResponse {
  current: SiteRules;
  versions: RulesVersionRow[];
}

/** `GET /v1/console/reports`: epoch ms bounds and both reports. */
export interface ReportResponse {
  from: number;
  to: number;
  speed: SpeedReport;
  funnel: FunnelReport;
}

/** An invite or password-reset link: `emailed` when SMTP sent it (then only its owner has it), else `link` to copy once. */
export interface OneTimeLink {
  link?: string;
  emailed: boolean;
}

/** `GET /v1/console/invites/:token`. */
export interface InviteInfo {
  email: string;
  name: string;
  role: UserRole;
  workspaceName: string;
}

/** `GET /v1/console/sites`: one site as its admin page shows it. */
export interface ConsoleSite {
  id: string;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  phoneRegion: string;
  offerTimeoutMs: number;
  snippet: string;
  installs: SiteInstall[];
  appearance: AppearanceSettings;
}

export type SettingsBody = SiteSettings;

/** `PUT /v1/console/sites/:id`: what an admin edits about a site. */
export type SiteDetails = Pick<ConsoleSite, 'name' | 'allowedOrigins' | 'phoneRegion' | 'offerTimeoutMs'>;

/** `POST /v1/console/sites/:id/rotate-key`: the new key; the old one works until `previousKeyValidUntil`. */
export interface KeyRotation {
  siteKey: string;
  snippet: string;
  previousKeyValidUntil: number;
}

/** `GET /v1/console/webhooks`: each webhook (its secret masked) with its latest deliveries. */
export type WebhookWithLog = import('../../server/webhooks/webhook-view').WebhookView & {
  deliveries: Array<import('../../server/webhooks/webhook-store').Delivery>;
};

export type { Cadence, Condition, Hours, HoursInterval, RepRequirements, RoutingRule, Strategy } from '../../server/routing/routing.types';
/** `GET /v1/console/sites/:siteId/routing-rules`: each rule with why it can never match, or null. */
export type { RoutingRuleView, Unreachable } from '../../server/routing/rule-reachability.core';
export type { TeamView } from '../../server/db/store';
export type { InviteRow } from '../../server/console/admin-store';
import type { RepSettingsView, SiteRoutingSettings } from '../../server/db/store';

/** `GET /v1/console/reps`: a user's routing settings and the teams they are in. */
export type RepRow = RepSettingsView & { teams: Array<{ id: string; name: string }> };

/** `GET/PUT /v1/console/sites/:siteId/routing`. */
export type SiteRouting = SiteRoutingSettings;

/** `GET/PUT /v1/console/account-owners`. */
export interface AccountOwner {
  domain: string;
  repId: string;
}

/** `POST /v1/console/sites`. */
export interface NewSite {
  name: string;
  allowedOrigins: string[];
  phoneRegion: string;
}
