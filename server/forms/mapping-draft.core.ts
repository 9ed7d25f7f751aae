// Where a mapping the marketer confirms on Sites › Forms goes: into a new draft of the site's
// rules, as any rules change does, built on the newest draft when one is being worked on (so two
// forms mapped in a row, or a question edited meanwhile, end up in one draft) and on the live
// version otherwise (shared/rules-draft.ts, the same start as the rules editor's). Nothing is read
// with it until that draft is published. Pure.
import type { FormMapping } from '../../shared/forms';
import type { SiteRules } from '../../shared/site-rules';

/** `base` with the form's mapping set (or removed, for null). */
export function withMapping(base: SiteRules, formKey: string, mapping: FormMapping | null): SiteRules {
  const forms = { ...base.forms };
  if (mapping) forms[formKey] = mapping;
  else delete forms[formKey];
  const { forms: _old, ...rest } = base;
  return Object.keys(forms).length ? { ...rest, forms } : rest;
}

/** The form's mapping in the pending draft, when that draft maps it differently from the live rules. */
export function pendingMapping(live: SiteRules, draft: { rules: SiteRules; draftVersion: number | null }, formKey: string) {
  if (draft.draftVersion === null) return null;
  const now = live.forms?.[formKey] ?? null;
  const next = draft.rules.forms?.[formKey] ?? null;
  return JSON.stringify(now) === JSON.stringify(next) ? null : { version: draft.draftVersion, mapping: next };
}
