// The site's own forms, as plain typed objects (the widget bundles these types; the server
// validates them with ./schemas/forms.schema.ts first): the shape of a form Sixty saw submitted,
// and the marketer's mapping of its fields to contact traits and must-have questions.

/** A choice of a select, a radio group or a checkbox group: what it submits and what it says. */
export interface FormOption {
  value: string;
  label: string;
}

/** One field as the widget saw it: never its value. */
export interface FormFieldShape {
  /** The field's `name` (or `id` when it has none): what the mapping refers to. */
  name: string;
  /** Its label text (label element, aria-label or, failing those, its placeholder). */
  label: string;
  /** `text`, `email`, `tel`, `number`, `select`, `radio`, `checkbox`, `textarea`... */
  type: string;
  /** The autocomplete token, e.g. `email`, `organization`, `tel`. */
  autocomplete?: string;
  /** For selects, radio and checkbox groups. */
  options?: FormOption[];
}

/** A form as the widget saw it submitted. */
export interface FormShape {
  /** Stable within a site: the form's `data-sixty-form`, `id` or `name`, else its action's path. */
  key: string;
  /** A human name for it (its id or name, else the page's title). */
  name: string;
  /** The page it was submitted on (no query string). */
  page: string;
  fields: FormFieldShape[];
}

/** The contact traits a form field can hold. First and last names join into the lead's name. */
export const CONTACT_TRAITS = ['email', 'phone', 'name', 'firstName', 'lastName', 'company'] as const;
export type ContactTrait = (typeof CONTACT_TRAITS)[number];

/**
 * A free-text rule turning what a visitor typed into one of a question's options: the first
 * rule that matches wins. `contains` and `equals` ignore case and surrounding spaces; `range`
 * reads the first number in the text and matches `min <= n <= max` (either bound optional).
 */
export type TextRule = { op: 'contains' | 'equals'; text: string; answer: string } | { op: 'range'; min?: number; max?: number; answer: string };

/** Where one field's value goes. */
export type FieldTarget =
  | { kind: 'trait'; trait: ContactTrait }
  /**
   * A must-have question. For a question with options: `options` maps the form's option values
   * to the question's, option by option, and `rules` read free text; a text question takes the
   * text as typed.
   */
  | { kind: 'question'; questionId: string; options?: Record<string, string>; rules?: TextRule[] }
  | { kind: 'ignore' };

/**
 * What a qualified submission of the form does: `offer` it to a rep now (the default), let the
 * visitor `book` a callback slot in the panel instead, or only `record` it.
 */
export const FORM_ACTIONS = ['offer', 'book', 'record'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

export interface FormMapping {
  /** By field name; a field not named here is never read. */
  fields: Record<string, FieldTarget>;
  /** See FORM_ACTIONS. */
  action: FormAction;
}

/** The site's form mappings, by form key: part of its rules (shared/site-rules.ts), versioned and published with them. */
export type FormMappings = Record<string, FormMapping>;

/** What the widget needs for a mapped form: which fields to read (never how they map). */
export interface WidgetForm {
  key: string;
  /** Field names to read on submission. */
  read: string[];
  /** The form's action: `offer` and `book` open the live panel, `record` does not. */
  action: FormAction;
  /** The field holding the phone number, echoed to the visitor in the live panel. */
  phone?: string;
}
