// Which contact trait a field of the host page's own form holds, judged from its type,
// autocomplete token, name and id together. Anything that may be a secret or payment data is
// never read.

export type Trait = 'email' | 'phone' | 'name' | 'company';

export type FieldLike = Pick<HTMLInputElement, 'type' | 'name' | 'id' | 'autocomplete'>;

/** Types that never hold a contact trait or must never be read (matched at the start). */
const SKIPPED_TYPE = /^(password|hidden|file|checkbox|radio|submit|button|reset|image) /;
/** Payment data (`cc-*` autocomplete, card, CVC, IBAN), credentials and national ids. */
const SECRET = /(^| )cc-|pass|pwd|card|cvc|cvv|csc|iban|ssn|secret|token|one-time|otp|pin\b/;

/** "type autocomplete name id", lower case: what the checks below read. */
const aboutOf = (field: FieldLike) => `${field.type} ${field.autocomplete} ${field.name} ${field.id}`.toLowerCase();

/** A password, hidden, file or payment field, a credential or a one-time code: never read, never reported. */
export function isSecret(field: FieldLike): boolean {
  const about = aboutOf(field);
  return /^(password|hidden|file) /.test(about) || SECRET.test(about);
}

/** The trait the field holds, or undefined to leave it alone. */
export function classifyField(field: FieldLike): Trait | undefined {
  // `email`, `tel`, `name` match whichever of type, autocomplete, name and id says so.
  const about = aboutOf(field);
  if (SKIPPED_TYPE.test(about) || SECRET.test(about)) return;
  if (/e-?mail/.test(about)) return 'email';
  if (/(^| )tel|phone|mobile/.test(about)) return 'phone';
  if (/organi[sz]ation|company|business|\borg\b/.test(about)) return 'company';
  if (/name/.test(about) && !/user|login/.test(about)) return 'name';
}
