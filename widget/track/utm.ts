// First-touch campaign parameters from the landing page's query string.
import type { EventBatch } from '../../shared/schemas/events.schema';

export type Utm = NonNullable<NonNullable<EventBatch['context']>['utm']>;

/** The `utm_*` parameters the schema knows. */
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** The non-empty `utm_*` parameters of `search`, or undefined when there are none. */
export function readUtm(search: string): Utm | undefined {
  const params = new URLSearchParams(search);
  let utm: Utm | undefined;
  for (const key of UTM_KEYS) {
    const value = params.get('utm_' + key);
    // The schema caps each value at 200 characters.
    if (value) (utm = utm || {})[key] = value.slice(0, 200);
  }
  return utm;
}
