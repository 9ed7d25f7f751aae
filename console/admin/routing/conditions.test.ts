import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/default-rules';
import type { Question } from '../types';
import { conditionOf, conditionText, draftOf, newCondition, picksAnswers, withField } from './conditions';

const QUESTIONS: Question[] = [...DEFAULT_RULES.questions, { id: 'notes', label: 'Anything else?', type: 'text' }];

describe('answer conditions in the editor', () => {
  it('start on the first published question and send the picked values', () => {
    const d = { ...newCondition(QUESTIONS), picked: ['commercial', 'both'] };
    expect(d.key).toBe('projects');
    expect(picksAnswers(d, QUESTIONS)).toBe(true);
    expect(conditionOf(d, QUESTIONS)).toEqual({ field: 'answer', key: 'projects', op: 'in', values: ['commercial', 'both'] });
  });

  it('take typed values for a free-text question, and keep the values of a question no longer asked', () => {
    expect(conditionOf({ ...draftOf({ field: 'answer', key: 'notes', op: 'in', values: ['x'] }), text: 'urgent, asap' }, QUESTIONS)).toMatchObject({
      values: ['urgent', 'asap'],
    });
    const gone = draftOf({ field: 'answer', key: 'budget', op: 'not_in', values: ['big'] });
    expect(picksAnswers(gone, QUESTIONS)).toBe(true);
    expect(conditionOf(gone, QUESTIONS)).toEqual({ field: 'answer', key: 'budget', op: 'not_in', values: ['big'] });
  });

  it('give a field of another kind its own key and no picks', () => {
    const d = { ...newCondition(QUESTIONS), picked: ['commercial'] };
    expect(withField(d, 'trait', QUESTIONS)).toMatchObject({ field: 'trait', key: '', picked: [], op: 'in' });
    expect(withField(withField(d, 'score', QUESTIONS), 'answer', QUESTIONS)).toMatchObject({ key: 'projects', op: 'in' });
  });

  it('read as labels in the rule list', () => {
    expect(conditionText({ field: 'answer', key: 'size', op: 'in', values: ['201+', '51-200'] }, QUESTIONS)).toBe(
      'Answer to “How many employees?” is one of 201 or more, 51-200',
    );
    expect(conditionText({ field: 'answer', key: 'projects', op: 'not_in', values: ['industrial'] }, QUESTIONS)).toBe(
      'Answer to “What kind of projects do you do?” is none of “industrial”',
    );
    expect(conditionText({ field: 'answer', key: 'budget', op: 'in', values: ['big'] }, QUESTIONS)).toBe(
      'Answer to “budget” (no longer asked) is one of “big”',
    );
    expect(conditionText({ field: 'company_size', op: 'gte', value: 201 }, QUESTIONS)).toBe('Company size (employees) at least 201');
  });
});
