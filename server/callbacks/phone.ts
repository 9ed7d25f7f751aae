import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Authoritative phone check (the widget only checks lightly): E.164 or null when invalid. */
export function toE164(input: string, region: string): string | null {
  const parsed = parsePhoneNumberFromString(input, region.toUpperCase() as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : null;
}
