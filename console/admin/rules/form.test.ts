import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/default-rules';
import { formFromRules, rulesFromForm } from './form';

describe('rules form', () => {
  it('round-trips the rules unchanged', () => {
    const withFit = {
      ...DEFAULT_RULES,
      decayHalfLifeDays: 30,
      fit: [
        { id: 'free', label: 'Free mail', trait: 'emailDomain', op: 'in' as const, value: ['gmail.com', 'yahoo.com'], disqualify: { reason: 'Free mail' } },
      ],
    };
    const { rules, errors } = rulesFromForm(formFromRules(withFit), withFit.version);
    expect(errors).toEqual({});
    expect(rules).toEqual(withFit);
  });

  it('flags fields that must be numbers by the same dot paths the server uses', () => {
    const form = formFromRules(DEFAULT_RULES);
    form.behaviour[2]!.points = 'lots';
    form.mqlThreshold = '';
    form.questions[0]!.options[0]!.points = '2.5';
    expect(rulesFromForm(form, 1).errors).toEqual({
      'behaviour.2.points': 'Enter a whole number',
      mqlThreshold: 'Enter a number',
      'questions.0.options.0.points': 'Enter a whole number',
    });
  });
});
