// The reps being asked, as one phrase in the page's language: the visitor reads who, not a count.
import { fill } from '../fill';
import { locale } from './format-slot';

/** Names shown before the rest are counted: a fourth name makes the line wrap on a phone. */
const SHOWN = 3;

/** "Dana", "Dana and Sam", "Dana, Sam, and Priya", "Dana, Sam, and 2 more" (`more`: "{n} more"). */
export function listNames(names: readonly string[], more: string, lang: string): string {
  const all = names.map(String);
  const shown = all.length > SHOWN ? [...all.slice(0, SHOWN - 1), fill(more, { n: all.length - SHOWN + 1 })] : all;
  // Without Intl.ListFormat (Safari before 14.1): commas.
  return Intl.ListFormat ? new Intl.ListFormat(locale(lang)).format(shown) : shown.join(', ');
}
