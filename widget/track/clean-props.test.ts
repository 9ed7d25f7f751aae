import { describe, expect, it } from 'vitest';
import { cleanProps } from './clean-props';

describe('cleanProps', () => {
  it('keeps flat strings, finite numbers, booleans and null', () => {
    expect(cleanProps({ plan: 'pro', seats: 12, annual: true, coupon: null })).toEqual({
      plan: 'pro',
      seats: 12,
      annual: true,
      coupon: null,
    });
  });

  it('drops what the schema would refuse instead of losing the batch', () => {
    expect(cleanProps({ nested: { a: 1 }, list: [1], fn: () => 1, nan: NaN, inf: Infinity, undef: undefined, ok: 1 })).toEqual({ ok: 1 });
    expect(cleanProps({ ['k'.repeat(65)]: 1, ['k'.repeat(64)]: 2, '': 3 })).toEqual({ ['k'.repeat(64)]: 2 });
    expect(cleanProps({ long: 'x'.repeat(600) })!.long).toHaveLength(500);
  });

  it('keeps at most 30 properties', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, i]));
    expect(Object.keys(cleanProps(many)!)).toHaveLength(30);
  });

  it('is undefined for nothing usable', () => {
    expect(cleanProps(undefined)).toBeUndefined();
    expect(cleanProps('pro')).toBeUndefined();
    expect(cleanProps({})).toBeUndefined();
  });
});
