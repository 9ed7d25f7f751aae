import { Hono } from 'hono';
import { siteRulesSchema } from '../../shared/schemas/site-rules.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { backtest } from './backtest.core';
import { backtestSubmissions } from '../forms/backtest-submissions.core';
import type { BacktestResult } from '../../shared/console-api';

/** A draft's own `version` is ignored: the server numbers versions. */
const draftSchema = siteRulesSchema;

/**
 * Rules versions of a site (admin and manager): list, save a draft, publish (or roll back by
 * publishing an older version), and backtest a draft against the stored history and the stored
 * submissions of the site's own forms (their mappings are part of the rules).
 * Mounted at `/v1/sites/:siteId/rules`.
 */
export function rulesRoutes(deps: AppDeps) {
  const { store, tracking, clock, sites } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireSameOrigin());
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireRulesOwner(c, next) {
    if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only admins and managers change rules');
    await next();
  });

  async function siteOf(userWorkspace: string, siteId: string) {
    const site = (await store.sitesOfWorkspace(userWorkspace)).find((s) => s.id === siteId);
    // Another workspace's site is indistinguishable from a missing one.
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  app.get('/', async (c) => {
    const site = await siteOf(c.get('user').workspaceId, c.req.param('siteId')!);
    return c.json({ current: site.rules, versions: await tracking.rulesVersions(site.id) });
  });

  app.post('/', async (c) => {
    const site = await siteOf(c.get('user').workspaceId, c.req.param('siteId')!);
    const rules = await readBody(c, draftSchema);
    const version = await tracking.saveDraft(site, rules, c.get('user').id, clock());
    return c.json({ version }, 201);
  });

  app.post('/backtest', async (c) => {
    const site = await siteOf(c.get('user').workspaceId, c.req.param('siteId')!);
    const draft = await readBody(c, draftSchema);
    const [history, submissions] = await Promise.all([tracking.history(site.id), deps.forms.submissions(site.id)]);
    const now = clock();
    const leads = new Map(history.filter((s) => s.kind === 'lead').map((s) => [s.id, s]));
    const result: BacktestResult = { ...backtest(site.rules, draft, history, now), forms: backtestSubmissions(site.rules, draft, submissions, leads, now) };
    return c.json(result);
  });

  app.post('/:version/publish', async (c) => {
    const site = await siteOf(c.get('user').workspaceId, c.req.param('siteId')!);
    const version = Number(c.req.param('version'));
    if (!Number.isInteger(version) || !(await tracking.publish(site, version, clock()))) {
      throw new ApiFailure(404, 'not_found', 'No such rules version');
    }
    sites.invalidate(site.siteKey);
    return c.json({ published: version });
  });

  return app;
}
