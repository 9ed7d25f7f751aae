import { describe, expect, it } from 'vitest';
import type { RulesVersionRow } from '../types';
import { versionMoments } from './versions';

const row = (r: Partial<RulesVersionRow>): RulesVersionRow =>
  ({ version: 1, status: 'draft', rules: {} as RulesVersionRow['rules'], createdAt: 100, publishedAt: null, retiredAt: null, ...r }) as RulesVersionRow;
const kinds = (r: RulesVersionRow) => versionMoments(r).map((m) => `${m.label} ${m.at}`);

describe('versionMoments', () => {
  it('shows a draft’s save, the live one’s publish, an earlier one’s whole life', () => {
    expect(kinds(row({}))).toEqual(['Saved 100']);
    expect(kinds(row({ status: 'published', publishedAt: 200 }))).toEqual(['Saved 100', 'Live since 200']);
    expect(kinds(row({ status: 'retired', publishedAt: 200, retiredAt: 300 }))).toEqual(['Saved 100', 'Published 200', 'Retired 300']);
  });
});
