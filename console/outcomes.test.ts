// The outcome form offers exactly what the stage machine allows: for every stage, each decision
// is offered if and only if lifecycle lets the lead move to its stage, and call results only
// while the lead is in the follow-up cadence.
import { describe, expect, it } from 'vitest';
import type { Stage } from '../shared/api';
import { checkTransition } from '../shared/lifecycle';
import { CALL_RESULTS, DECISION_STAGE, STAGE_DECISIONS } from '../shared/outcomes';
import { formChoices } from './outcomes';

const STAGES: Stage[] = ['visitor', 'lead', 'mql', 'hot', 'sal', 'sql', 'opportunity', 'nurture', 'disqualified', 'suspect'];

describe('the outcome form', () => {
  it.each(STAGES)('offers on a %s lead exactly the decisions lifecycle allows', (stage) => {
    const allowed = STAGE_DECISIONS.filter((d) => checkTransition(stage, DECISION_STAGE[d], 'a reason').ok);
    expect([...formChoices(stage).decisions]).toEqual(allowed);
  });

  it('offers call results while the lead is worked, none once it left the cadence', () => {
    for (const stage of ['sal', 'sql', 'opportunity'] as Stage[]) expect(formChoices(stage).calls).toEqual(CALL_RESULTS);
    for (const stage of ['nurture', 'disqualified', 'suspect'] as Stage[]) expect(formChoices(stage).calls).toEqual([]);
  });

  it('offers opportunity on a SAL lead, and nothing at all on a suspect', () => {
    expect(formChoices('sal').decisions).toEqual(['sql', 'opportunity', 'nurture', 'disqualified', 'suspect']);
    expect(formChoices('opportunity').decisions).toEqual(['won', 'lost', 'nurture', 'disqualified']);
    expect(formChoices('suspect')).toEqual({ calls: [], decisions: [] });
  });
});
