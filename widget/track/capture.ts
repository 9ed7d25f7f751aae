// Clicks worth knowing about (marked elements, configured selectors, downloads, outbound links)
// and submissions of the host page's own forms. Listened to in the capture phase, so a page that
// stops propagation still gets counted; our own UI lives in a shadow root and is never read.
import type { TrackSelector } from '../contract';
import { emit } from './batch';
import { classifyField, type FieldLike } from './classify-field';
import { cleanUrl } from './clean-url';
import { linkKind } from './link-kind';
import { formSubmitted } from './host-forms';

let selectors: TrackSelector[] = [];

/** The site config's `trackSelectors`. */
export function trackSelectors(list: unknown): void {
  selectors = Array.isArray(list) ? list : [];
}

export function onInteraction(event: Event): void {
  const target = event.target;
  if (!(target instanceof Element) || target.closest('[data-sixty-widget]')) return;
  if (event.type === 'submit') return submitted(target);

  const marked = target.closest('[data-sixty-event]');
  let name = marked && marked.getAttribute('data-sixty-event');
  for (const s of name ? [] : selectors) {
    try {
      if (target.closest(s.selector)) {
        name = s.name;
        break;
      }
    } catch {
      // An invalid selector in the site config must not stop the others.
    }
  }
  if (name) emit({ type: 'click', name });

  const link = target.closest('a');
  const kind = link && link.href && linkKind(link, link.hasAttribute('download'), location.hostname);
  if (kind) emit({ type: kind, props: { href: cleanUrl(link!) } });
}

// Attributes and querySelectorAll rather than `form.id` or `form.elements`: a field named `id` or
// `elements` would shadow those properties.
function submitted(form: Element): void {
  // A mapped form is sent as a lead itself, carrying its contact fields: no identify beside it.
  const mapped = formSubmitted(form);
  const traits: Record<string, string> = {};
  let found;
  for (const field of Array.prototype.slice.call(form.querySelectorAll('input,select,textarea')) as FieldLike[]) {
    const trait = classifyField(field);
    const value = trait && String((field as HTMLInputElement).value).trim();
    // First and last names arrive as two fields: join them.
    if (value) found = traits[trait!] = trait === 'name' && traits.name ? `${traits.name} ${value}` : value;
  }
  const name = form.getAttribute('data-sixty-event') || form.getAttribute('id') || form.getAttribute('name');
  emit({ type: 'form_submit', name: name || undefined });
  if (found && !mapped) emit({ type: 'identify', props: traits });
}
