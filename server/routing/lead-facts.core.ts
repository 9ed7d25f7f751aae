// What routing rules can test about a lead, derived from its stored fields. Pure.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { LeadFacts } from './routing.types';

export interface LeadFields {
  id: string;
  phone: string;
  email: string | null;
  pageUrl: string | null;
  answers: Record<string, string>;
  score: number;
  /** Identify traits and first-touch attribution, when the visitor was tracked. */
  traits: Record<string, string | number | boolean>;
  utm?: { source?: string | null; medium?: string | null; campaign?: string | null };
}

/** Traits and answers that hold the number of employees, in order of trust. */
const SIZE_KEYS = ['employees', 'company_size', 'companySize', 'size'];

export function leadFacts(f: LeadFields): LeadFacts {
  const query = queryOf(f.pageUrl);
  const utm = {
    source: str(f.utm?.source) ?? str(f.traits.utm_source) ?? query.get('utm_source'),
    medium: str(f.utm?.medium) ?? str(f.traits.utm_medium) ?? query.get('utm_medium'),
    campaign: str(f.utm?.campaign) ?? str(f.traits.utm_campaign) ?? query.get('utm_campaign'),
  };
  return {
    id: f.id,
    answers: f.answers,
    traits: f.traits,
    score: f.score,
    country: countryOf(f.phone) ?? str(f.traits.country)?.toUpperCase() ?? null,
    companySize: companySize(f),
    source: str(f.traits.source) ?? utm.source,
    utm,
    pageUrl: f.pageUrl,
    emailDomain: emailDomain(f.email),
  };
}

/** The domain of an email address, lower case; null without one. */
export function emailDomain(email: string | null): string | null {
  return email?.split('@')[1]?.trim().toLowerCase() || null;
}

// Parsing a number is costly and every routing step needs the country: remember recent ones.
const countries = new Map<string, string | null>();
const COUNTRIES_MAX = 10_000;

/** Country of an E.164 number (ISO 3166 alpha-2), or null. */
export function countryOf(phone: string): string | null {
  const hit = countries.get(phone);
  if (hit !== undefined) return hit;
  let country: string | null = null;
  try {
    country = parsePhoneNumberFromString(phone)?.country ?? null;
  } catch {
    country = null;
  }
  if (countries.size >= COUNTRIES_MAX) countries.clear();
  countries.set(phone, country);
  return country;
}

/** A number, or the lower bound of a range answer (`51-200` -> 51, `201+` -> 201). */
function companySize(f: LeadFields): number | null {
  for (const key of SIZE_KEYS) {
    const raw = f.traits[key] ?? f.answers[key];
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    if (typeof raw === 'string') {
      const m = /^\s*(\d[\d,]*)/.exec(raw);
      if (m) return Number(m[1]!.replace(/,/g, ''));
    }
  }
  return null;
}

function queryOf(url: string | null): URLSearchParams {
  if (!url) return new URLSearchParams();
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
