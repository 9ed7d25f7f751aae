import { describe, expect, it } from 'vitest';
import { newVisitorId } from './visitor-id';

describe('newVisitorId', () => {
  it('matches the events schema and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newVisitorId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
