// The console's half of the site's own forms (admin and manager): the forms seen on a site, each
// with Sixty's suggested mapping, and saving the mapping the marketer confirmed or corrected.
// Mounted at /v1/console/sites.
import { Hono } from 'hono';
import { formMappingSchema, type FormTest, type SeenForm } from '../../shared/schemas/forms.schema';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { checkMapping } from './check-mapping.core';
import { formNumbers, NO_NUMBERS, type FormNumbers } from './form-numbers.core';
import type { FormRecord } from './forms-store';
import type { FormTestRecord } from './form-tests';
import { suggestMapping } from './suggest-mapping.core';
import type { Question } from '../../shared/site-rules';

export function formsAdminRoutes(deps: AppDeps) {
  const { store, clock, forms, sites } = deps;
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

  const view = (f: FormRecord, questions: readonly Question[], numbers: Map<string, FormNumbers>): SeenForm => ({
    ...f,
    numbers: numbers.get(f.key) ?? NO_NUMBERS,
    suggested: suggestMapping(f.fields, questions),
  });
  const numbersOf = async (siteId: string) => formNumbers(await forms.leadRows(siteId));

  app.get('/:siteId/forms', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const [list, numbers] = await Promise.all([forms.list(site.id), numbersOf(site.id)]);
    return c.json({ questions: site.rules.questions, forms: list.map((f) => view(f, site.rules.questions, numbers)) });
  });

  app.put('/:siteId/forms/:formKey/mapping', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const formKey = c.req.param('formKey');
    const form = await forms.get(site.id, formKey);
    if (!form) throw new ApiFailure(404, 'not_found', 'No such form on this site');
    const mapping = await readBody(c, formMappingSchema);
    const errors = checkMapping(mapping, form.fields, site.rules.questions);
    if (Object.keys(errors).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', errors);
    await forms.saveMapping(site.id, formKey, mapping, c.get('user').id, clock());
    // The widget's config names the mapped forms: served fresh on the next page view.
    sites.invalidate(site.siteKey);
    return c.json(view({ ...form, mapping }, site.rules.questions, await numbersOf(site.id)));
  });

  // "Test this form": a signed, short-lived link to the form's page; the console polls the result.
  const testView = (t: FormTestRecord): FormTest => ({ testId: t.testId, url: t.url, expiresAt: t.expiresAt, result: t.result });
  app.post('/:siteId/forms/:formKey/tests', async (c) => {
    const site = await owned(c, c.req.param('siteId'));
    const form = await forms.get(site.id, c.req.param('formKey'));
    if (!form) throw new ApiFailure(404, 'not_found', 'No such form on this site');
    if (!form.mapping) throw new ApiFailure(409, 'not_mapped', 'Confirm the mapping first: only a mapped form is read on submission');
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
