// The console's half of the site's own forms (admin and manager): the forms seen on a site, each
// with its live mapping, the one pending in the rules draft and Sixty's suggestion; and saving a
// mapping the marketer confirmed or corrected, into a draft of the site's rules (published like
// any rules change, from here or from Questions and scoring). Mounted at /v1/console/sites.
import { Hono } from 'hono';
import { formMappingSchema, type FormTest, type SeenForm } from '../../shared/schemas/forms.schema';
import type { SiteRules } from '../../shared/site-rules';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { checkMapping } from './check-mapping.core';
import { formNumbers, NO_NUMBERS, type FormNumbers } from './form-numbers.core';
import type { FormRecord } from './forms-store';
import type { FormTestRecord } from './form-tests';
import { editBasis } from '../../shared/rules-draft';
import { pendingMapping, withMapping } from './mapping-draft.core';
import { suggestMapping } from './suggest-mapping.core';

export function formsAdminRoutes(deps: AppDeps) {
  const { store, clock, forms, tracking } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/:siteId/forms', requireUser(store, clock));
  app.use('/:siteId/forms/*', requireUser(store, clock));

  async function owned(c: { get(k: 'user'): { workspaceId: string; role: string } }, siteId: string) {
    const user = c.get('user');
    if (user.role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only admins and managers map forms');
    const site = (await store.sitesOfWorkspace(user.workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  /** The live rules and the draft a form edit goes into. */
  const basis = async (live: SiteRules, siteId: string) => ({ live, draft: editBasis(live, await tracking.rulesVersions(siteId)) });
  type Basis = Awaited<ReturnType<typeof basis>>;

  const view = (f: FormRecord, b: Basis, numbers: Map<string, FormNumbers>): SeenForm => ({
    ...f,
    numbers: numbers.get(f.key) ?? NO_NUMBERS,
    mapping: b.live.forms?.[f.key] ?? null,
    draft: pendingMapping(b.live, b.draft, f.key),
    suggested: suggestMapping(f.fields, b.draft.rules.questions),
  });
  const numbersOf = async (siteId: string) => formNumbers(await forms.leadRows(siteId));

  app.get('/:siteId/forms', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const [list, numbers, b] = await Promise.all([forms.list(site.id), numbersOf(site.id), basis(site.rules, site.id)]);
    return c.json({
      questions: b.draft.rules.questions,
      liveVersion: site.rules.version,
      draftVersion: b.draft.draftVersion,
      forms: list.map((f) => view(f, b, numbers)),
    });
  });

  app.put('/:siteId/forms/:formKey/mapping', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const formKey = c.req.param('formKey');
    const form = await forms.get(site.id, formKey);
    if (!form) throw new ApiFailure(404, 'not_found', 'No such form on this site');
    const mapping = await readBody(c, formMappingSchema);
    const { draft } = await basis(site.rules, site.id);
    const errors = checkMapping(mapping, form.fields, draft.rules.questions);
    if (Object.keys(errors).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', errors);
    // A new draft version, as the rules editor's "Save draft" makes: the live rules (and so the
    // widget and capture) change only when it is published.
    const version = await tracking.saveDraft(site, withMapping(draft.rules, formKey, mapping), c.get('user').id, clock());
    const saved = await basis(site.rules, site.id);
    return c.json(view(form, { ...saved, draft: { ...saved.draft, draftVersion: version } }, await numbersOf(site.id)));
  });

  // "Test this form": a signed, short-lived link to the form's page; the console polls the result.
  const testView = (t: FormTestRecord): FormTest => ({ testId: t.testId, url: t.url, expiresAt: t.expiresAt, result: t.result });
  app.post('/:siteId/forms/:formKey/tests', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const form = await forms.get(site.id, c.req.param('formKey'));
    if (!form) throw new ApiFailure(404, 'not_found', 'No such form on this site');
    // The page reads the form with the published mapping only, so that is the one a test can try.
    if (!site.rules.forms?.[form.key])
      throw new ApiFailure(409, 'not_mapped', 'Publish this form’s mapping first: only a published mapping is read on submission');
    return c.json(testView(deps.formTests.open({ workspaceId: site.workspaceId, siteId: site.id, formKey: form.key, page: form.page }, clock())), 201);
  });
  app.get('/:siteId/forms/:formKey/tests/:testId', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const test = deps.formTests.get(c.req.param('testId'), clock());
    if (!test || test.siteId !== site.id || test.formKey !== c.req.param('formKey')) throw new ApiFailure(404, 'not_found', 'No such test, or it expired');
    return c.json(testView(test));
  });

  return app;
}
