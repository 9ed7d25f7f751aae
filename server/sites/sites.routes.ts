import { Hono } from 'hono';
import type { Appearance, ServedAppearance } from '../../shared/appearance';
import { accentText } from '../../shared/contrast';
import type { SiteConfigResponse } from '../../shared/api';
import type { AppDeps } from '../app';
import type { Site } from '../db/store';
import { ApiFailure } from '../http/errors';
import { allowSiteOrigin } from './site-origin';
import { clientIp } from '../http/client-ip';
import { rateLimit } from '../http/rate-limit';
import { widgetForm } from '../forms/widget-form';

/** The appearance with the colours the widget draws with, chosen here by WCAG contrast so the
 * loader, which every page pays for, carries no colour maths. */
function served({ accentColor, position, zIndex, texts }: Appearance): ServedAppearance {
  const { textColor, accentOnWhite } = accentText(accentColor);
  // Only the look: the ending link reaches just the visitors it is for, in their lead's status.
  return { accentColor, position, zIndex, texts, textColor, accentOnWhite };
}

/** What the widget needs to draw itself, as `GET /v1/sites/KEY/config` answers and the per-site loader carries it. */
export async function siteConfig(deps: AppDeps, site: Site): Promise<SiteConfigResponse> {
  const settings = await deps.tracking.settings(site.id);
  return {
    siteName: site.name,
    phoneRegion: site.phoneRegion,
    questions: site.rules.questions.map((q) => ({
      id: q.id,
      label: q.label,
      type: q.type,
      // Visitors see the choices, not which ones disqualify.
      ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
    })),
    // The site's SLA target (Routing settings): the panel promises it, and the live countdown
    // (the visitor's `waiting` status) counts it down, so both say the same.
    promiseSeconds: Math.round(site.slaMs / 1000),
    consent: settings.consent,
    formsCountAsContactRequest: settings.formsCountAsContactRequest,
    trackSelectors: settings.trackSelectors,
    browserCalls: settings.browserCalls,
    appearance: served(await deps.sitesAdmin.appearance(site.id)),
    // The published rules' mapped forms: field names to read, never how they map.
    forms: Object.entries(site.rules.forms ?? {}).map(([key, mapping]) => widgetForm(key, mapping)),
  };
}

/** Config reads per address, the config and the per-site loader together (one budget: either gives the config). */
export const configRateLimit = (deps: AppDeps) =>
  rateLimit({
    limiter: deps.limiter,
    limit: deps.config.limits.configPerIpPerMinute,
    what: 'requests from this address',
    key: (c) => `config:ip:${clientIp(c, deps.config.trustProxy)}`,
    clock: deps.clock,
  });

/** What the widget needs to draw itself: public, origin-checked, cacheable briefly. */
export function siteRoutes(deps: AppDeps) {
  const app = new Hono();
  app.use('*', configRateLimit(deps));
  app.get('/:siteKey/config', async (c) => {
    const site = await deps.sites.byKeyOrNull(c.req.param('siteKey'));
    if (!site) throw new ApiFailure(404, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    allowSiteOrigin(c, site);
    const body = await siteConfig(deps, site);
    // Short: a published change to the questions reaches visitors' browsers within seconds.
    c.header('Cache-Control', 'public, max-age=5');
    return c.json(body);
  });
  return app;
}
