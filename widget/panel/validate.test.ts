import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/site-rules';
import { PANEL_EN } from './texts';
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
    expect(validateLead(valid, questions, PANEL_EN)).toEqual({});
  });

  it('keys errors by the same dot paths the server uses', () => {
    const errors = validateLead({ name: ' ', phone: '', email: 'nope', answers: {} }, questions, PANEL_EN);
    expect(Object.keys(errors).sort()).toEqual(['answers.goal', 'answers.size', 'email', 'name', 'phone']);
  });

  it('reads an answer that is not one of the options as missing, as the server does', () => {
    expect(validateLead({ ...valid, answers: { size: '11-50', goal: 'x' } }, questions, PANEL_EN)).toEqual({
      'answers.size': 'Please choose an option',
    });
    expect(validateLead({ ...valid, answers: { size: '1-10', goal: '  ' } }, questions, PANEL_EN)).toEqual({
      'answers.goal': 'Please answer this question',
    });
  });

  it.each(['12345', '1234567890123456', '+1 555 CALL NOW', '555-0100 ext 2'])('rejects phone %s', (phone) => {
    expect(validateLead({ ...valid, phone }, questions, PANEL_EN).phone).toBe('Please enter a valid phone number');
  });

  it.each(['5550100', '+1 415.555.0100', '(020) 7946 0958'])('accepts phone %s', (phone) => {
    expect(validateLead({ ...valid, phone }, questions, PANEL_EN).phone).toBeUndefined();
  });

  it('lets a browser call go without a phone, but still checks one that was typed and everything else', () => {
    expect(validateLead({ ...valid, phone: ' ' }, questions, PANEL_EN, false, true)).toEqual({});
    expect(validateLead({ ...valid, phone: ' ' }, questions, PANEL_EN)).toEqual({ phone: 'Please enter a phone number' });
    expect(validateLead({ ...valid, phone: '12' }, questions, PANEL_EN, false, true)).toEqual({ phone: 'Please enter a valid phone number' });
    expect(Object.keys(validateLead({ name: '', phone: '', email: '', answers: {} }, questions, PANEL_EN, false, true)).sort()).toEqual([
      'answers.goal',
      'answers.size',
      'name',
    ]);
  });
});
