// The admin endpoints the console pages call (same-origin, session cookie).
import type { Me } from '../../shared/api';
import type { SiteRules } from '../../shared/site-rules';
import { request } from '../api';
import type {
  Appearance,
  BacktestResult,
  ConsoleSite,
  ErasureResult,
  InviteInfo,
  KeyRotation,
  SiteDetails,
  OneTimeLink,
  ReportResponse,
  RulesResponse,
  SiteSettings,
  UserRow,
  Webhook,
  WebhookWithLog,
} from './types';

const enc = encodeURIComponent;
const sitePath = (siteId: string) => `/v1/sites/${enc(siteId)}`;

export interface ReportRange {
  /** ISO date-times. */
  from: string;
  to: string;
}

const rangeQuery = (r: ReportRange) => `from=${enc(r.from)}&to=${enc(r.to)}`;

export const adminApi = {
  sites: () => request<ConsoleSite[]>('GET', '/v1/console/sites'),
  updateSite: (siteId: string, body: SiteDetails) => request<SiteDetails>('PUT', `/v1/console/sites/${enc(siteId)}`, body, false),
  saveAppearance: (siteId: string, body: Appearance) => request<Appearance>('PUT', `/v1/console/sites/${enc(siteId)}/appearance`, body, false),
  rotateKey: (siteId: string) => request<KeyRotation>('POST', `/v1/console/sites/${enc(siteId)}/rotate-key`, undefined, false),

  rules: (siteId: string) => request<RulesResponse>('GET', `${sitePath(siteId)}/rules`),
  saveDraft: (siteId: string, rules: SiteRules) => request<{ version: number }>('POST', `${sitePath(siteId)}/rules`, rules, false),
  backtest: (siteId: string, rules: SiteRules) => request<BacktestResult>('POST', `${sitePath(siteId)}/rules/backtest`, rules, false),
  publish: (siteId: string, version: number) => request<{ published: number }>('POST', `${sitePath(siteId)}/rules/${version}/publish`, undefined, false),

  settings: (siteId: string) => request<SiteSettings>('GET', `${sitePath(siteId)}/settings`),
  saveSettings: (siteId: string, s: SiteSettings) => request<SiteSettings>('PUT', `${sitePath(siteId)}/settings`, s, false),

  users: () => request<UserRow[]>('GET', '/v1/console/users'),
  invite: (body: { email: string; name: string; role: string }) => request<OneTimeLink>('POST', '/v1/console/users/invites', body, false),
  resetLink: (userId: string) => request<OneTimeLink>('POST', `/v1/console/users/${enc(userId)}/password-reset`, undefined, false),
  deactivate: (userId: string) => request<void>('POST', `/v1/console/users/${enc(userId)}/deactivate`, undefined, false),

  inviteInfo: (token: string) => request<InviteInfo>('GET', `/v1/console/invites/${enc(token)}`),
  acceptInvite: (token: string, password: string) => request<{ ok: true }>('POST', `/v1/console/invites/${enc(token)}/accept`, { password }, false),
  resetPassword: (token: string, password: string) => request<{ ok: true }>('POST', `/v1/console/password-resets/${enc(token)}`, { password }, false),
  signIn: (email: string, password: string) => request<Me>('POST', '/v1/console/session', { email, password }, false),

  report: (r: ReportRange) => request<ReportResponse>('GET', `/v1/console/reports?${rangeQuery(r)}`),
  csvHref: (r: ReportRange) => `/v1/console/reports/leads.csv?${rangeQuery(r)}`,

  webhooks: () => request<WebhookWithLog[]>('GET', '/v1/console/webhooks'),
  createWebhook: (body: { url: string; kind: Webhook['kind']; topics: string[] }) => request<Webhook>('POST', '/v1/console/webhooks', body, false),
  removeWebhook: (id: string) => request<void>('DELETE', `/v1/console/webhooks/${enc(id)}`),
  replayDelivery: (id: number) => request<{ replayed: number }>('POST', `/v1/console/webhooks/deliveries/${id}/replay`, undefined, false),

  erase: (body: { phone?: string; email?: string }) => request<ErasureResult>('POST', '/v1/console/erasures', body, false),
};
