// The admin endpoints the console pages call (same-origin, session cookie).
import type { Me } from '../../shared/api';
import type {
  ApiKeyBody,
  ApiKeyRow,
  CreatedApiKey,
  WorkspaceSettings,
  WorkspaceSettingsBody,
  AccountOwner,
  AccountOwnersBody,
  AccountOwnersView,
  AppearanceSettings,
  AttributionBy,
  AttributionModel,
  AttributionReport,
  BacktestResult,
  ConsoleSite,
  ErasureBody,
  ErasureResult,
  InviteBody,
  InviteInfo,
  InviteRow,
  KeyRotation,
  NewSite,
  NewPasswordBody,
  NewTeamBody,
  NewWebhook,
  OneTimeLink,
  RepRow,
  RepSettingsBody,
  ReportRange,
  SignInBody,
  ReportResponse,
  RepsReport,
  SpeedPaysReport,
  RoutingRuleView,
  RuleBody,
  RuleOrderBody,
  RulesBody,
  RulesResponse,
  SiteDetails,
  SiteRouting,
  SiteSettings,
  TeamBody,
  TeamMembersBody,
  TeamView,
  UserRow,
  WebhookBody,
  WebhookWithLog,
} from '../../shared/console-api';
import type { BookingSettingsInput } from '../../shared/schemas/booking.schema';
import { request } from '../api';

export type { ReportRange, RuleBody };

const enc = encodeURIComponent;

const sitePath = (siteId: string) => `/v1/sites/${enc(siteId)}`;

const rangeQuery = (r: ReportRange) => `from=${enc(r.from)}&to=${enc(r.to)}`;

export const adminApi = {
  sites: () => request<ConsoleSite[]>('GET', '/v1/console/sites'),
  updateSite: (siteId: string, body: SiteDetails) => request<SiteDetails>('PUT', `/v1/console/sites/${enc(siteId)}`, body, false),
  saveAppearance: (siteId: string, body: AppearanceSettings) => request<AppearanceSettings>('PUT', `/v1/console/sites/${enc(siteId)}/appearance`, body, false),
  createSite: (body: NewSite) => request<ConsoleSite>('POST', '/v1/console/sites', body, false),
  rotateKey: (siteId: string) => request<KeyRotation>('POST', `/v1/console/sites/${enc(siteId)}/rotate-key`, undefined, false),

  rules: (siteId: string) => request<RulesResponse>('GET', `${sitePath(siteId)}/rules`),
  saveDraft: (siteId: string, rules: RulesBody) => request<{ version: number }>('POST', `${sitePath(siteId)}/rules`, rules, false),
  backtest: (siteId: string, rules: RulesBody) => request<BacktestResult>('POST', `${sitePath(siteId)}/rules/backtest`, rules, false),
  publish: (siteId: string, version: number) => request<{ published: number }>('POST', `${sitePath(siteId)}/rules/${version}/publish`, undefined, false),

  settings: (siteId: string) => request<SiteSettings>('GET', `${sitePath(siteId)}/settings`),
  saveSettings: (siteId: string, s: SiteSettings) => request<SiteSettings>('PUT', `${sitePath(siteId)}/settings`, s, false),

  users: () => request<UserRow[]>('GET', '/v1/console/users'),
  invite: (body: InviteBody) => request<OneTimeLink>('POST', '/v1/console/users/invites', body, false),
  resetLink: (userId: string) => request<OneTimeLink>('POST', `/v1/console/users/${enc(userId)}/password-reset`, undefined, false),
  deactivate: (userId: string) => request<void>('POST', `/v1/console/users/${enc(userId)}/deactivate`, undefined, false),

  pendingInvites: () => request<InviteRow[]>('GET', '/v1/console/users/invites'),
  revokeInvite: (id: string) => request<void>('DELETE', `/v1/console/users/invites/${enc(id)}`),
  inviteInfo: (token: string) => request<InviteInfo>('GET', `/v1/console/invites/${enc(token)}`),
  acceptInvite: (token: string, password: string) =>
    request<{ ok: true }>('POST', `/v1/console/invites/${enc(token)}/accept`, { password } satisfies NewPasswordBody, false),
  resetPassword: (token: string, password: string) =>
    request<{ ok: true }>('POST', `/v1/console/password-resets/${enc(token)}`, { password } satisfies NewPasswordBody, false),
  signIn: (email: string, password: string) => request<Me>('POST', '/v1/console/session', { email, password } satisfies SignInBody, false),

  report: (r: ReportRange) => request<ReportResponse>('GET', `/v1/console/reports?${rangeQuery(r)}`),
  csvHref: (r: ReportRange) => `/v1/console/reports/leads.csv?${rangeQuery(r)}`,
  xlsxHref: (r: ReportRange) => `/v1/console/reports/leads.xlsx?${rangeQuery(r)}`,
  attribution: (r: ReportRange, model: AttributionModel, by: AttributionBy) =>
    request<AttributionReport>('GET', `/v1/console/reports/attribution?${rangeQuery(r)}&model=${model}&by=${by}`),
  attributionCsvHref: (r: ReportRange, model: AttributionModel, by: AttributionBy, table: 'groups' | 'cohorts') =>
    `/v1/console/reports/attribution.csv?${rangeQuery(r)}&model=${model}&by=${by}&table=${table}`,
  speedPays: (r: ReportRange) => request<SpeedPaysReport>('GET', `/v1/console/reports/speed-pays?${rangeQuery(r)}`),
  repsReport: (r: ReportRange) => request<RepsReport>('GET', `/v1/console/reports/reps?${rangeQuery(r)}`),
  /** A speed-pays or rep-fairness table as CSV (fairness.routes.ts). */
  tableCsvHref: (table: 'speed-pays' | 'reps' | 'teams' | 'spread', r: ReportRange) => `/v1/console/reports/${table}.csv?${rangeQuery(r)}`,

  webhooks: () => request<WebhookWithLog[]>('GET', '/v1/console/webhooks'),
  createWebhook: (body: WebhookBody) => request<NewWebhook>('POST', '/v1/console/webhooks', body, false),
  removeWebhook: (id: string) => request<void>('DELETE', `/v1/console/webhooks/${enc(id)}`),
  replayDelivery: (id: number) => request<{ replayed: number }>('POST', `/v1/console/webhooks/deliveries/${id}/replay`, undefined, false),

  teams: () => request<TeamView[]>('GET', '/v1/console/teams'),
  createTeam: (body: NewTeamBody) => request<TeamView>('POST', '/v1/console/teams', body, false),
  updateTeam: (id: string, body: TeamBody) => request<TeamView>('PUT', `/v1/console/teams/${enc(id)}`, body, false),
  setTeamMembers: (id: string, members: TeamMembersBody['members']) =>
    request<TeamView>('PUT', `/v1/console/teams/${enc(id)}/members`, { members } satisfies TeamMembersBody, false),

  reps: () => request<RepRow[]>('GET', '/v1/console/reps'),
  updateRep: (id: string, body: RepSettingsBody) => request<RepRow>('PUT', `/v1/console/reps/${enc(id)}`, body, false),

  accountOwners: () => request<AccountOwnersView>('GET', '/v1/console/account-owners'),
  saveAccountOwners: (owners: AccountOwner[]) => request<AccountOwnersView>('PUT', '/v1/console/account-owners', { owners } satisfies AccountOwnersBody, false),

  routingRules: (siteId: string) => request<RoutingRuleView[]>('GET', `/v1/console/sites/${enc(siteId)}/routing-rules`),
  createRoutingRule: (siteId: string, rule: RuleBody) => request<RoutingRuleView>('POST', `/v1/console/sites/${enc(siteId)}/routing-rules`, rule, false),
  updateRoutingRule: (siteId: string, id: string, rule: RuleBody) =>
    request<RoutingRuleView>('PUT', `/v1/console/sites/${enc(siteId)}/routing-rules/${enc(id)}`, rule, false),
  deleteRoutingRule: (siteId: string, id: string) => request<void>('DELETE', `/v1/console/sites/${enc(siteId)}/routing-rules/${enc(id)}`),
  orderRoutingRules: (siteId: string, ruleIds: string[]) =>
    request<RoutingRuleView[]>('PUT', `/v1/console/sites/${enc(siteId)}/routing-rules/order`, { ruleIds } satisfies RuleOrderBody, false),
  siteRouting: (siteId: string) => request<SiteRouting>('GET', `/v1/console/sites/${enc(siteId)}/routing`),
  saveSiteRouting: (siteId: string, body: SiteRouting) => request<SiteRouting>('PUT', `/v1/console/sites/${enc(siteId)}/routing`, body, false),
  siteMeetings: (siteId: string) => request<BookingSettingsInput>('GET', `/v1/console/sites/${enc(siteId)}/booking`),
  saveSiteMeetings: (siteId: string, body: BookingSettingsInput) =>
    request<BookingSettingsInput>('PUT', `/v1/console/sites/${enc(siteId)}/booking`, body, false),

  erase: (body: ErasureBody) => request<ErasureResult>('POST', '/v1/console/erasures', body, false),

  workspace: () => request<WorkspaceSettings>('GET', '/v1/console/workspace'),
  saveWorkspace: (body: WorkspaceSettingsBody) => request<WorkspaceSettings>('PUT', '/v1/console/workspace', body, false),
  apiKeys: () => request<ApiKeyRow[]>('GET', '/v1/console/api-keys'),
  createApiKey: (body: ApiKeyBody) => request<CreatedApiKey>('POST', '/v1/console/api-keys', body, false),
  revokeApiKey: (id: string) => request<void>('DELETE', `/v1/console/api-keys/${enc(id)}`),
};
