import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, parseAmount } from './money';

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

  it('reads amounts as people type them; empty is no value, the rest is NaN', () => {
    for (const [typed, value] of [
      ['12500', 12500],
      ['12,500', 12500],
      ['1,250,000', 1250000],
      ['12 500', 12500],
      ['1234.50', 1234.5],
      ['1234,5', 1234.5],
      ['1,234.50', 1234.5],
      [' 0 ', 0],
    ] as const)
      expect(parseAmount(typed), typed).toBe(value);
    expect(parseAmount('  ')).toBeNull();
    for (const bad of ['-5', 'abc', '12.5.1', '€100', '1e5']) expect(parseAmount(bad), bad).toBeNaN();
  });
});
