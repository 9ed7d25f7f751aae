// Which routing rule a lead falls under: the first, by position, whose conditions all hold.
import type { Condition, LeadFacts, RoutingRule } from './routing.types';

export function matchRule(rules: readonly RoutingRule[], lead: LeadFacts): RoutingRule | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  return ordered.find((r) => r.conditions.every((c) => conditionHolds(c, lead))) ?? null;
}

/** Text comparisons ignore case and surrounding spaces; a missing value never equals anything. */
export function conditionHolds(c: Condition, lead: LeadFacts): boolean {
  switch (c.field) {
    case 'answer':
      return among(lead.answers[c.key] ?? null, c.values, c.op);
    case 'trait': {
      const v = lead.traits[c.key];
      return among(v === undefined ? null : String(v), c.values, c.op);
    }
    case 'country':
      return among(lead.country, c.values, c.op);
    case 'source':
      return among(lead.source, c.values, c.op);
    case 'utm_source':
      return among(lead.utm.source, c.values, c.op);
    case 'utm_medium':
      return among(lead.utm.medium, c.values, c.op);
    case 'utm_campaign':
      return among(lead.utm.campaign, c.values, c.op);
    case 'email_domain':
      return among(lead.emailDomain, c.values, c.op);
    case 'page': {
      const url = (lead.pageUrl ?? '').toLowerCase();
      const hit = c.values.some((v) => v.trim() !== '' && url.includes(v.trim().toLowerCase()));
      return c.op === 'contains' ? hit : !hit;
    }
    case 'score':
      return compare(lead.score, c.op, c.value);
    case 'company_size':
      return lead.companySize !== null && compare(lead.companySize, c.op, c.value);
  }
}

function among(value: string | null, values: readonly string[], op: 'in' | 'not_in'): boolean {
  const v = value?.trim().toLowerCase() ?? null;
  const hit = v !== null && v !== '' && values.some((x) => x.trim().toLowerCase() === v);
  return op === 'in' ? hit : !hit;
}

function compare(value: number, op: 'gte' | 'lt', bound: number): boolean {
  return op === 'gte' ? value >= bound : value < bound;
}
