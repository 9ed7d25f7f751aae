// The country-aware phone formatter. Its metadata (libphonenumber-js) is about 30 KB gzip, most
// of what the console would otherwise load up front, so the console imports this module only
// through hooks/usePhoneFormat.ts, which loads it as a chunk of its own.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * An E.164 number grouped the way its country writes it, in international form
 * (+44 20 7946 0958, +33 1 23 45 67 89, +1 415 555 2671); anything unparseable as it is.
 * The "min" metadata carries every country's formatting rules without the validation tables.
 */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}
