// Light client-side checks so the visitor hears about a typo before a round trip. The server's
// schema is the authority; a full phone library would triple the panel's size.
import type { Question } from '../../shared/site-rules';

/** What the visitor has typed, keyed like the server's error fields (`answers.<id>`). */
export interface LeadValues {
  name: string;
  phone: string;
  email: string;
  answers: Record<string, string>;
}

/** Field path -> message, the same shape as `ApiError.error.fields`. */
export type FieldErrors = Record<string, string>;

/** Characters people type in phone numbers: digits, spaces and + ( ) - . */
const PHONE_CHARS = /^[0-9\s+().-]+$/;
/** E.164 allows at most 15 digits; nothing dialable has fewer than 7. */
const PHONE_MIN_DIGITS = 7;
const PHONE_MAX_DIGITS = 15;
/** Something@something.tld: catches typos without rejecting valid exotic addresses. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLead(values: LeadValues, questions: Question[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Please tell us your name';

  const phone = values.phone.trim();
  const digits = phone.replace(/\D/g, '').length;
  if (!phone) errors.phone = 'Please enter a phone number';
  else if (!PHONE_CHARS.test(phone) || digits < PHONE_MIN_DIGITS || digits > PHONE_MAX_DIGITS)
    errors.phone = 'Please enter a valid phone number';

  const email = values.email.trim();
  if (email && !EMAIL_SHAPE.test(email)) errors.email = 'Please enter a valid email address';

  for (const q of questions) {
    if (!(values.answers[q.id] || '').trim())
      errors[`answers.${q.id}`] = q.type === 'single' ? 'Please choose an option' : 'Please answer this question';
  }
  return errors;
}
