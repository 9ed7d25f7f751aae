// The console's calls about a site's own forms.
import type { FormMapping } from '../../../shared/forms';
import type { FormTest, SeenForm } from '../../../shared/schemas/forms.schema';
import type { Question } from '../../../shared/site-rules';
import { request } from '../../api';

export interface FormsResponse {
  questions: Question[];
  liveVersion: number;
  /** The unpublished draft a mapping saved now goes into; null: none yet. */
  draftVersion: number | null;
  forms: SeenForm[];
}

const base = (siteId: string) => `/v1/console/sites/${encodeURIComponent(siteId)}/forms`;

export const formsApi = {
  list: (siteId: string) => request<FormsResponse>('GET', base(siteId)),
  saveMapping: (siteId: string, formKey: string, mapping: FormMapping) =>
    request<SeenForm>('PUT', `${base(siteId)}/${encodeURIComponent(formKey)}/mapping`, mapping, false),
  startTest: (siteId: string, formKey: string) => request<FormTest>('POST', `${base(siteId)}/${encodeURIComponent(formKey)}/tests`, {}, false),
  test: (siteId: string, formKey: string, testId: string) =>
    request<FormTest>('GET', `${base(siteId)}/${encodeURIComponent(formKey)}/tests/${encodeURIComponent(testId)}`),
};
