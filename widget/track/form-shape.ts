// What the host page's own form looks like, for the marketer to map in the console: its key,
// name and page, and each field's name, label, type, autocomplete token and options. Never a
// value a visitor typed, and nothing at all of password, hidden, file or payment fields.
import type { FormFieldShape, FormShape } from '../../shared/forms';
import { isSecret, type FieldLike } from './classify-field';
import { cleanUrl } from './clean-url';

type Field = FieldLike & HTMLInputElement & { labels: NodeListOf<HTMLLabelElement> | null; options?: HTMLOptionsCollection };

/** Buttons carry no answer. */
const NOT_A_FIELD = /^(submit|button|reset|image)$/;
/** The schema's caps (not imported: that module pulls in zod). */
const MAX_FIELDS = 60;
const MAX_OPTIONS = 100;

const tidy = (text: string | null | undefined, max = 200) => (text || '').replace(/\s+/g, ' ').trim().slice(0, max);
const attr = (el: Element, name: string) => el.getAttribute(name) || '';

/** Every field of the form, in order (attributes, not `form.elements`: a field named `elements` would shadow it). */
export const fieldsOf = (form: Element): Field[] => Array.prototype.slice.call(form.querySelectorAll('input,select,textarea'));

export const typeOf = (el: Element): string =>
  el.tagName === 'SELECT' ? 'select' : el.tagName === 'TEXTAREA' ? 'textarea' : attr(el, 'type').toLowerCase() || 'text';

/** The name the mapping uses for a field: its `name`, else its `id`. */
export const nameOf = (el: Element): string => attr(el, 'name') || attr(el, 'id');

/** Whether a field may be read at all. */
export const readable = (el: Field): boolean =>
  !!nameOf(el) &&
  !NOT_A_FIELD.test(typeOf(el)) &&
  !isSecret({ type: typeOf(el), name: attr(el, 'name'), id: attr(el, 'id'), autocomplete: attr(el, 'autocomplete') as AutoFill });

/** The form's key within the site, as the console lists it and the site config names it. */
export function formKey(form: Element): string {
  return tidy(attr(form, 'data-sixty-form') || attr(form, 'id') || attr(form, 'name') || 'form on ' + location.pathname);
}

function labelOf(el: Field): string {
  const byId = attr(el, 'aria-labelledby');
  const labelled = byId && document.getElementById(byId.split(' ')[0]!);
  return tidy(
    (el.labels && el.labels.length && el.labels[0]!.textContent) ||
      attr(el, 'aria-label') ||
      (labelled && labelled.textContent) ||
      attr(el, 'placeholder') ||
      attr(el, 'title'),
    300,
  );
}

/** A radio or checkbox group's question: its fieldset's legend (or group's label), else its first box's label. */
function groupLabel(el: Field): string {
  const group = el.closest('fieldset,[role=radiogroup],[role=group]');
  const legend = group && (group.querySelector('legend') || document.getElementById(attr(group, 'aria-labelledby')));
  return tidy((legend && legend.textContent) || (group && attr(group, 'aria-label')) || labelOf(el), 300);
}

export function formShape(form: Element): FormShape {
  const fields: FormFieldShape[] = [];
  const groups: Record<string, FormFieldShape> = {};
  for (const el of fieldsOf(form)) {
    if (!readable(el)) continue;
    const name = tidy(nameOf(el));
    const type = typeOf(el);
    if (type === 'radio' || type === 'checkbox') {
      let group = groups[name];
      if (!group) fields.push((group = groups[name] = { name, label: groupLabel(el), type, options: [] }));
      if (group.options!.length < MAX_OPTIONS) group.options!.push({ value: tidy(el.value), label: labelOf(el) });
      continue;
    }
    if (groups[name] || fields.some((f) => f.name === name)) continue;
    const field: FormFieldShape = { name, label: labelOf(el), type };
    const token = tidy(attr(el, 'autocomplete'), 100);
    if (token) field.autocomplete = token;
    if (el.options)
      field.options = Array.prototype.slice.call(el.options, 0, MAX_OPTIONS).map((o: HTMLOptionElement) => ({ value: tidy(o.value), label: tidy(o.text) }));
    fields.push(field);
  }
  return {
    key: formKey(form),
    name: tidy(attr(form, 'data-sixty-form') || attr(form, 'id') || attr(form, 'name') || document.title) || formKey(form),
    page: cleanUrl(location),
    fields: fields.slice(0, MAX_FIELDS),
  };
}

/** The values of the fields `read` names, as typed; a checkbox group's checked values joined by newlines. */
export function readValues(form: Element, read: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of fieldsOf(form)) {
    const name = nameOf(el);
    const type = typeOf(el);
    if (read.indexOf(name) < 0 || !readable(el) || ((type === 'radio' || type === 'checkbox') && !el.checked)) continue;
    const value = String(el.value).slice(0, 2000);
    values[name] = values[name] ? values[name] + '\n' + value : value;
  }
  return values;
}
