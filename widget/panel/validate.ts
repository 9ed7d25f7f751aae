// Light client-side checks so the visitor hears about a typo before a round trip. The server's
// schema and its copy of the qualification engine are the authority; a full phone library would
// triple the panel's size.
import type { Question } from '../../shared/site-rules';
import { decideFit } from '../../shared/qualify/fit';
import type { PanelTexts } from './texts';

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

/**
 * `phoneOnly`: the site's own form gave the name and answers; only the phone is checked.
 * `talk`: the visitor chose to talk in the browser, where the phone may stay empty (one typed is checked).
 */
export function validateLead(values: LeadValues, questions: Question[], t: PanelTexts, phoneOnly?: boolean, talk?: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!phoneOnly && !values.name.trim()) errors.name = t.nameMissing;

  const phone = values.phone.trim();
  const digits = phone.replace(/\D/g, '').length;
  if (!phone) {
    if (!talk) errors.phone = t.phoneMissing;
  } else if (!PHONE_CHARS.test(phone) || digits < PHONE_MIN_DIGITS || digits > PHONE_MAX_DIGITS) errors.phone = t.phoneInvalid;

  const email = values.email.trim();
  if (email && !EMAIL_SHAPE.test(email)) errors.email = t.emailInvalid;

  // The must-haves still missing, by the same fit rule the server's engine runs (it reads an
  // answer that is not one of the options as missing, exactly as the server will).
  for (const id of mustHavesMissing(values.answers, questions)) {
    const q = questions.find((question) => question.id === id);
    errors[`answers.${id}`] = q && q.type === 'single' ? t.choose : t.answer;
  }
  return errors;
}

function mustHavesMissing(answers: Record<string, string>, questions: Question[]): string[] {
  return decideFit(questions, [], answers, {}, []).missing;
}
