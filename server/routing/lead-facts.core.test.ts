import { describe, expect, it } from 'vitest';
import { leadFacts } from './lead-facts.core';

const base = {
  id: 'l',
  phone: '+442071838750',
  email: 'Pat@BigCo.com',
  pageUrl: 'https://acme.test/pricing?utm_source=google&utm_campaign=spring',
  answers: { size: '51-200' },
  score: 40,
  traits: {},
};

describe('leadFacts', () => {
  it('reads the country from the E.164 phone, the domain from the email, UTM from the page', () => {
    const f = leadFacts(base);
    expect(f.country).toBe('GB');
    expect(f.emailDomain).toBe('bigco.com');
    expect(f.utm).toEqual({ source: 'google', medium: null, campaign: 'spring' });
    expect(f.source).toBe('google');
    expect(f.companySize).toBe(51);
  });

  it('prefers tracked first-touch UTM and traits over the page', () => {
    const f = leadFacts({
      ...base,
      phone: '+14155552671',
      traits: { employees: 1200, source: 'partner' },
      utm: { source: 'linkedin', medium: 'paid', campaign: null },
    });
    expect(f.country).toBe('US');
    expect(f.utm.source).toBe('linkedin');
    expect(f.utm.campaign).toBe('spring');
    expect(f.source).toBe('partner');
    expect(f.companySize).toBe(1200);
  });

  it('falls back to a country trait when the phone tells nothing', () => {
    expect(leadFacts({ ...base, phone: 'garbage', traits: { country: 'de' } }).country).toBe('DE');
  });
});
