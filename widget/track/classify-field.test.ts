import { describe, expect, it } from 'vitest';
import { classifyField, type FieldLike } from './classify-field';

const field = (f: Partial<FieldLike>): FieldLike => ({ type: 'text', name: '', id: '', autocomplete: '', ...f });

describe('classifyField', () => {
  it('finds email by type, autocomplete, name or id', () => {
    expect(classifyField(field({ type: 'email' }))).toBe('email');
    expect(classifyField(field({ autocomplete: 'email' }))).toBe('email');
    expect(classifyField(field({ name: 'work_email' }))).toBe('email');
    expect(classifyField(field({ id: 'contact-e-mail' }))).toBe('email');
  });

  it('finds phone by type, autocomplete, name or id', () => {
    expect(classifyField(field({ type: 'tel' }))).toBe('phone');
    expect(classifyField(field({ autocomplete: 'shipping tel-national' }))).toBe('phone');
    expect(classifyField(field({ name: 'phoneNumber' }))).toBe('phone');
    expect(classifyField(field({ id: 'mobile' }))).toBe('phone');
    expect(classifyField(field({ name: 'tel' }))).toBe('phone');
  });

  it('finds company before name, so "company_name" is a company', () => {
    expect(classifyField(field({ name: 'company_name' }))).toBe('company');
    expect(classifyField(field({ autocomplete: 'organization' }))).toBe('company');
    expect(classifyField(field({ id: 'org' }))).toBe('company');
  });

  it('finds names, but not user names', () => {
    expect(classifyField(field({ autocomplete: 'name' }))).toBe('name');
    expect(classifyField(field({ autocomplete: 'given-name' }))).toBe('name');
    expect(classifyField(field({ name: 'last_name' }))).toBe('name');
    expect(classifyField(field({ name: 'username' }))).toBeUndefined();
    expect(classifyField(field({ id: 'login-name' }))).toBeUndefined();
  });

  it('never reads passwords, hidden fields or anything payment-like', () => {
    expect(classifyField(field({ type: 'password', name: 'email' }))).toBeUndefined();
    expect(classifyField(field({ type: 'hidden', name: 'email' }))).toBeUndefined();
    expect(classifyField(field({ autocomplete: 'cc-number' }))).toBeUndefined();
    expect(classifyField(field({ autocomplete: 'billing cc-name', name: 'name' }))).toBeUndefined();
    expect(classifyField(field({ name: 'card_holder_name' }))).toBeUndefined();
    expect(classifyField(field({ name: 'cvc' }))).toBeUndefined();
    expect(classifyField(field({ id: 'cvv2' }))).toBeUndefined();
    expect(classifyField(field({ name: 'iban' }))).toBeUndefined();
    expect(classifyField(field({ name: 'new-password-confirm' }))).toBeUndefined();
    expect(classifyField(field({ autocomplete: 'one-time-code', name: 'phone_code' }))).toBeUndefined();
    expect(classifyField(field({ name: 'ssn' }))).toBeUndefined();
  });

  it('leaves other fields alone', () => {
    expect(classifyField(field({ name: 'message' }))).toBeUndefined();
    expect(classifyField(field({ type: 'checkbox', name: 'email_optin' }))).toBeUndefined();
    expect(classifyField(field({ type: 'submit', name: 'send' }))).toBeUndefined();
  });
});
