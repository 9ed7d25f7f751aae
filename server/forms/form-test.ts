// A marketer's test submission of a mapped form: read through the mapping, qualified and, when
// it would be routed, decided by routing over a draft snapshot, with exactly the functions a
// visitor's submission goes through (readSubmission, qualifyCapture, captureStage, decideRouting).
// Nothing is written: no lead, no offer, no webhook, no count; the result goes to the console only.
import type { FormMapping } from '../../shared/forms';
import type { FormTestResult } from '../../shared/schemas/forms.schema';
import type { AppDeps } from '../app';
import { toE164 } from '../callbacks/phone';
import { captureStage, qualifyCapture } from '../capture/plan-capture.core';
import type { Site } from '../db/store';
import { decideRouting } from '../routing/decide-routing.core';
import { describeFormTest, whyNotRouted } from './describe-form-test.core';
import { readSubmission } from './read-submission.core';

export interface FormTestSubmission {
  fields: Record<string, string>;
  /** The number typed into the panel, when the form gave none. */
  phone?: string | undefined;
  visitorId?: string | undefined;
  pageUrl?: string | undefined;
}

export async function runFormTest(deps: AppDeps, site: Site, mapping: FormMapping, body: FormTestSubmission): Promise<FormTestResult> {
  const now = deps.clock();
  const read = readSubmission(mapping, site.rules.questions, body.fields);
  const phone = toE164(body.phone ?? read.phone, site.phoneRegion);
  const email = read.email.includes('@') ? read.email : null;
  const history = body.visitorId ? await deps.tracking.visitorHistory(site.id, body.visitorId) : null;
  const qualification = qualifyCapture({
    site,
    answers: read.answers,
    email,
    history,
    callbackRequested: mapping.action === 'offer',
    recordOnly: mapping.action === 'record',
    suspect: null,
    now,
  });
  const stage = captureStage(qualification);
  const pageUrl = body.pageUrl ?? null;
  const why = whyNotRouted(qualification, stage, mapping.action, phone);
  const routing = why
    ? { notRouted: why }
    : await deps.store
        .draftSnapshot(
          { workspaceId: site.workspaceId, siteId: site.id, phone: phone!, email, pageUrl, answers: read.answers, score: qualification.score },
          deps.online.set,
          now,
        )
        .then((snapshot) => ({ snapshot, plan: decideRouting(snapshot, now) }));
  return describeFormTest({ read, phone, qualification, stage, questions: site.rules.questions, pageUrl, routing, now });
}
