// Reading what a form field says about itself: its label, name and autocomplete token as plain
// lower-case words (camelCase, snake_case and punctuation split), and the numbers an option text
// or a typed answer holds. Only fixed expressions here: nothing is built from what a page says.

/** The words of `text`: "companySize" and "company_size" both give ["company", "size"]. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9+]+/)
    .filter(Boolean);
}

/** Words that say nothing about what a field is. */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'your',
  'you',
  'our',
  'we',
  'do',
  'does',
  'is',
  'are',
  'of',
  'in',
  'for',
  'to',
  'what',
  'which',
  'how',
  'many',
  'much',
  'please',
  'select',
  'enter',
  'choose',
  'best',
  'describes',
  'field',
  'input',
  'required',
  'optional',
  'and',
  'or',
  'my',
  'me',
  'i',
  'this',
]);

/** Words that name the same thing on different forms, folded onto one. */
const SAME_AS: Record<string, string> = {
  staff: 'employees',
  headcount: 'employees',
  employee: 'employees',
  workers: 'employees',
  people: 'employees',
  team: 'employees',
  size: 'employees',
  fte: 'employees',
  employer: 'company',
  organisation: 'company',
  organization: 'company',
  org: 'company',
  business: 'company',
  firm: 'company',
  project: 'projects',
  sector: 'projects',
  segment: 'projects',
  industry: 'projects',
  type: 'projects',
  kind: 'projects',
  market: 'projects',
  title: 'role',
  position: 'role',
  function: 'role',
  seniority: 'role',
  persona: 'role',
  buyer: 'role',
  budget: 'budget',
  timeline: 'timeframe',
  timeframe: 'timeframe',
  when: 'timeframe',
  country: 'country',
  region: 'country',
  nation: 'country',
  decide: 'decision',
  decider: 'decision',
  owner: 'decision',
  signs: 'decision',
};

/** The meaningful words of `text`, synonyms folded. */
export function topicWords(text: string): string[] {
  return wordsOf(text)
    .filter((w) => !FILLER.has(w))
    .map((w) => SAME_AS[w] ?? w);
}

/** A closed range of whole numbers an option text stands for ("11-50", "201+", "Under 10", "Just me"). */
export interface NumberRange {
  min: number;
  max: number;
}

/** The range an option's text names, or null when it names none. */
export function rangeOf(text: string): NumberRange | null {
  const t = text
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(\d+)\s*k\b/g, (_, n: string) => String(Number(n) * 1000));
  if (/\bjust me\b|\bonly me\b|\bself[- ]employed\b|\bsolo\b/.test(t)) return { min: 1, max: 1 };
  const nums = (t.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  if (!nums.length) return null;
  const [a, b] = nums as [number, number?];
  if (b !== undefined && /\d\s*(-|–|—|to|and)\s*\d/.test(t)) return { min: Math.min(a, b), max: Math.max(a, b) };
  if (/\+|or more|and (up|above|over)|more than|over|above|at least|greater/.test(t))
    return { min: /more than|over|above|greater/.test(t) ? a + 1 : a, max: Infinity };
  if (/less than|under|fewer than|below|up to|at most|max/.test(t)) return { min: 0, max: /less than|under|fewer than|below/.test(t) ? a - 1 : a };
  return { min: a, max: a };
}

/** The first number in a typed answer ("about 40 people" gives 40), or null. */
export function firstNumber(text: string): number | null {
  const m = text.replace(/(\d),(\d{3})/g, '$1$2').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : null;
}
