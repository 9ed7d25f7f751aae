// Whether a mapping the marketer saved fits the form and the site's questions: field-level
// messages (keyed like the request's paths) for what does not; empty when it fits.
import type { FormFieldShape, FormMapping } from '../../shared/forms';
import type { Question } from '../../shared/site-rules';

export function checkMapping(mapping: FormMapping, fields: readonly FormFieldShape[], questions: readonly Question[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const answered = new Map<string, string>();
  for (const [name, target] of Object.entries(mapping.fields)) {
    const path = `fields.${name}`;
    if (!fields.some((f) => f.name === name)) errors[path] = 'This form has no such field';
    else if (target.kind === 'question') {
      const q = questions.find((x) => x.id === target.questionId);
      if (!q) errors[path] = 'No such question on this site';
      else if (answered.has(q.id)) errors[path] = `"${q.label}" is already answered by ${answered.get(q.id)}`;
      else {
        answered.set(q.id, name);
        const valid = new Set((q.options ?? []).map((o) => o.value));
        const bad = q.type === 'single' && [...Object.values(target.options ?? {}), ...(target.rules ?? []).map((r) => r.answer)].some((v) => !valid.has(v));
        if (bad) errors[path] = `Every answer must be one of the options of "${q.label}"`;
      }
    }
  }
  return errors;
}
