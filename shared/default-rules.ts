// The qualification rules a new site starts with: the server seeds them and the console's rule
// editor tests start from them, so they live where both may import them.
import type { SiteRules } from './site-rules';

/** The must-haves a new site starts with: three questions sales needs before a call. */
export const DEFAULT_RULES: SiteRules = {
  version: 1,
  questions: [
    {
      id: 'projects',
      label: 'What kind of projects do you do?',
      type: 'single',
      options: [
        { value: 'commercial', label: 'Commercial', points: 10 },
        { value: 'both', label: 'Commercial and residential', points: 5 },
        { value: 'residential', label: 'Residential only', disqualify: { reason: 'Residential-only work: we sell commercial equipment' } },
      ],
    },
    {
      id: 'size',
      label: 'How many employees?',
      type: 'single',
      options: [
        { value: '1-10', label: '1-10' },
        { value: '11-50', label: '11-50', points: 5 },
        { value: '51-200', label: '51-200', points: 10 },
        { value: '201+', label: '201 or more', points: 15 },
      ],
    },
    {
      id: 'role',
      label: 'What best describes you?',
      type: 'single',
      options: [
        { value: 'decision', label: 'I decide or sign off on purchases', points: 10 },
        { value: 'evaluating', label: 'I am evaluating options for my team', points: 5 },
        { value: 'student', label: 'Student or researcher', disqualify: { reason: 'Student or researcher', stage: 'suspect' } },
      ],
    },
  ],
  behaviour: [
    { id: 'pricing', label: 'Viewed the pricing page', type: 'page_view', urlContains: '/pricing', points: 15 },
    { id: 'download', label: 'Downloaded a whitepaper', type: 'download', points: 10 },
    { id: 'page', label: 'Page views', type: 'page_view', points: 1 },
  ],
  mqlThreshold: 30,
  hotThreshold: 60,
  handRaiseEvents: ['demo_request', 'quote_request'],
};
