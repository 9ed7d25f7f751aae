import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/site-rules';
import { validateLead, type LeadValues } from './validate';

const questions: Question[] = [
  { id: 'size', label: 'Team size', type: 'single', options: [{ value: '1-10', label: '1-10' }] },
  { id: 'goal', label: 'Goal', type: 'text' },
];
const valid: LeadValues = {
  name: 'Ada',
  phone: '+44 (20) 7946-0958',
  email: '',
  answers: { size: '1-10', goal: 'More demos' },
};

describe('validateLead', () => {
  it('accepts a complete lead with formatted phone and no email', () => {
    expect(validateLead(valid, questions)).toEqual({});
  });

  it('keys errors by the same dot paths the server uses', () => {
    const errors = validateLead({ name: ' ', phone: '', email: 'nope', answers: {} }, questions);
    expect(Object.keys(errors).sort()).toEqual(['answers.goal', 'answers.size', 'email', 'name', 'phone']);
  });

  it.each(['12345', '1234567890123456', '+1 555 CALL NOW', '555-0100 ext 2'])('rejects phone %s', (phone) => {
    expect(validateLead({ ...valid, phone }, questions).phone).toBe('Please enter a valid phone number');
  });

  it.each(['5550100', '+1 415.555.0100', '(020) 7946 0958'])('accepts phone %s', (phone) => {
    expect(validateLead({ ...valid, phone }, questions).phone).toBeUndefined();
  });
});
