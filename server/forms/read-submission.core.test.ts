import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormMapping } from '../../shared/forms';
import { DEFAULT_RULES } from '../sites/default-site';
import { readSubmission, ruleMatches } from './read-submission.core';

const questions = [...DEFAULT_RULES.questions, { id: 'notes', label: 'Anything else?', type: 'text' as const }];
const mapping: FormMapping = {
  action: 'offer',
  fields: {
    first: { kind: 'trait', trait: 'firstName' },
    last: { kind: 'trait', trait: 'lastName' },
    mail: { kind: 'trait', trait: 'email' },
    tel: { kind: 'trait', trait: 'phone' },
    org: { kind: 'trait', trait: 'company' },
    size: { kind: 'question', questionId: 'size', options: { a: '1-10', b: '11-50' } },
    staff: { kind: 'question', questionId: 'size', rules: [{ op: 'range', min: 51, max: 200, answer: '51-200' }] },
    work: {
      kind: 'question',
      questionId: 'projects',
      rules: [
        { op: 'equals', text: 'Homes', answer: 'residential' },
        { op: 'contains', text: 'commercial', answer: 'commercial' },
      ],
    },
    note: { kind: 'question', questionId: 'notes' },
    skip: { kind: 'ignore' },
  },
};

describe('readSubmission', () => {
  it('reads traits, joins first and last names, and maps options and rules to answers', () => {
    const r = readSubmission(mapping, questions, {
      first: ' Pat ',
      last: 'Lee',
      mail: 'pat@acme.test',
      tel: '+1 415 555 2671',
      org: 'Acme',
      size: 'b',
      work: 'Mostly COMMERCIAL offices',
      note: 'Call after 3',
      skip: 'secret',
    });
    expect(r).toEqual({
      name: 'Pat Lee',
      phone: '+1 415 555 2671',
      email: 'pat@acme.test',
      company: 'Acme',
      answers: { size: '11-50', projects: 'commercial', notes: 'Call after 3' },
    });
  });

  it('takes a number typed into a free-text field through the range rules', () => {
    expect(readSubmission(mapping, questions, { staff: 'about 120 people' }).answers).toEqual({ size: '51-200' });
    expect(readSubmission(mapping, questions, { staff: '12' }).answers).toEqual({});
  });

  it('gives no answer for an option the mapping does not know, nor a value outside the question', () => {
    expect(readSubmission(mapping, questions, { size: 'zzz' }).answers).toEqual({});
    const bad: FormMapping = { action: 'offer', fields: { size: { kind: 'question', questionId: 'size', options: { a: 'nonsense' } } } };
    expect(readSubmission(bad, questions, { size: 'a' }).answers).toEqual({});
  });

  it('reads a checkbox group (values joined by newlines): the first value that answers counts', () => {
    expect(readSubmission(mapping, questions, { size: 'zzz\na\nb' }).answers).toEqual({ size: '1-10' });
  });

  it('never reads a field the mapping does not name', () => {
    expect(readSubmission(mapping, questions, { password: 'hunter2', cardnumber: '4242' })).toEqual({
      name: '',
      phone: '',
      email: '',
      company: '',
      answers: {},
    });
  });
});

describe('ruleMatches', () => {
  it('equals and contains ignore case and surrounding spaces; text is never a pattern', () => {
    expect(ruleMatches({ op: 'equals', text: ' Homes ', answer: 'x' }, 'homes')).toBe(true);
    expect(ruleMatches({ op: 'contains', text: '(a+)+$', answer: 'x' }, 'aaaa(a+)+$!')).toBe(true);
    expect(ruleMatches({ op: 'contains', text: '.*', answer: 'x' }, 'anything')).toBe(false);
  });

  it('a range matches exactly the numbers within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 100000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (n, min, span) => {
        const rule = { op: 'range' as const, min, max: min + span, answer: 'x' };
        expect(ruleMatches(rule, `we have ${n} staff`)).toBe(n >= min && n <= min + span);
      }),
    );
  });
});
