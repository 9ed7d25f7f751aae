import { describe, expect, it } from 'vitest';
import type { FormMapping } from '../../shared/forms';
import type { RulesVersionRow } from '../../shared/console-api';
import { DEFAULT_RULES } from '../sites/default-site';
import { editBasis } from '../../shared/rules-draft';
import { pendingMapping, withMapping } from './mapping-draft.core';

const live = { ...DEFAULT_RULES, version: 3 };
const m = (action: FormMapping['action']): FormMapping => ({ action, fields: { tel: { kind: 'trait', trait: 'phone' } } });
const row = (version: number, status: RulesVersionRow['status'], rules = live): RulesVersionRow => ({
  version,
  status,
  rules: { ...rules, version },
  createdAt: 0,
  publishedAt: null,
  retiredAt: null,
});

describe('where a form edit goes', () => {
  it('builds on the newest version when it is a draft, else on the live rules', () => {
    const draft = row(5, 'draft', withMapping(live, 'a', m('offer')));
    expect(editBasis(live, [row(3, 'published'), row(4, 'retired'), draft])).toEqual({ rules: draft.rules, draftVersion: 5 });
    expect(editBasis(live, [row(2, 'draft'), row(3, 'published')])).toEqual({ rules: live, draftVersion: null });
    expect(editBasis(live, [])).toEqual({ rules: live, draftVersion: null });
  });

  it('sets or removes one form, keeping the others, and drops an empty map', () => {
    const two = withMapping(withMapping(live, 'a', m('offer')), 'b', m('book'));
    expect(Object.keys(two.forms!)).toEqual(['a', 'b']);
    expect(withMapping(two, 'a', null).forms).toEqual({ b: m('book') });
    expect('forms' in withMapping(withMapping(live, 'a', m('offer')), 'a', null)).toBe(false);
  });

  it('reports a pending mapping only when the draft differs from the live rules', () => {
    const liveMapped = withMapping(live, 'a', m('offer'));
    expect(pendingMapping(liveMapped, { rules: liveMapped, draftVersion: 4 }, 'a')).toBeNull();
    expect(pendingMapping(liveMapped, { rules: withMapping(liveMapped, 'a', m('book')), draftVersion: 4 }, 'a')).toEqual({ version: 4, mapping: m('book') });
    expect(pendingMapping(liveMapped, { rules: withMapping(liveMapped, 'a', null), draftVersion: 4 }, 'a')).toEqual({ version: 4, mapping: null });
    expect(pendingMapping(liveMapped, { rules: liveMapped, draftVersion: null }, 'a')).toBeNull();
  });
});
