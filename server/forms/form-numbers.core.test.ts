import { describe, expect, it } from 'vitest';
import { formNumbers, type FormLeadRow } from './form-numbers.core';

const row = (r: Partial<FormLeadRow>): FormLeadRow => ({
  formKey: 'quote',
  leadId: 'a',
  mql: false,
  hot: false,
  routed: false,
  capturedAt: 0,
  acceptedAt: null,
  submittedAt: 0,
  ...r,
});

describe('formNumbers', () => {
  it('counts each lead once per form, with its stages and the median time to accept', () => {
    const n = formNumbers([
      row({ leadId: 'a', mql: true, hot: true, routed: true, capturedAt: 1000, acceptedAt: 5000 }),
      row({ leadId: 'a', mql: true, hot: true, routed: true, capturedAt: 1000, acceptedAt: 5000 }),
      row({ leadId: 'b', mql: true, hot: true, routed: true, capturedAt: 0, acceptedAt: 10_000 }),
      row({ leadId: 'c', mql: true }),
      row({ leadId: 'd' }),
      row({ formKey: 'demo', leadId: 'a', mql: true, hot: true, routed: true, capturedAt: 0, acceptedAt: 1000 }),
    ]);
    expect(n.get('quote')).toEqual({ submissions: 5, leads: 4, mql: 3, hot: 2, routed: 2, accepted: 2, medianAcceptMs: 7000 });
    expect(n.get('demo')).toEqual({ submissions: 1, leads: 1, mql: 1, hot: 1, routed: 1, accepted: 1, medianAcceptMs: 1000 });
  });

  it('has no median when nothing was accepted', () => {
    expect(formNumbers([row({ hot: true, routed: true })]).get('quote')!.medianAcceptMs).toBeNull();
  });
});
