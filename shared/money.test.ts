import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency } from './money';

describe('money', () => {
  it('knows ISO 4217 codes and refuses the rest', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('JPY')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
  });

  it('formats in the given currency, cents only when there are some', () => {
    expect(formatMoney(12500, 'EUR', 'en-US')).toBe('€12,500');
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(90000, 'JPY', 'en-US')).toBe('¥90,000');
  });
});
