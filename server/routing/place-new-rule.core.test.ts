import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planNewRule } from './place-new-rule.core';
import type { Condition } from './routing.types';

const BIG: Condition[] = [{ field: 'company_size', op: 'gte', value: 200 }];
const placed = (...conditions: Condition[][]) => conditions.map((c, i) => ({ id: `r${i}`, position: (i + 1) * 10, conditions: c }));

describe('planNewRule', () => {
  it('puts a rule with conditions just above the first catch-all, renumbering without gaps', () => {
    expect(planNewRule(placed(BIG, [], BIG), BIG)).toEqual({
      position: 2,
      moves: [
        { id: 'r0', position: 1 },
        { id: 'r1', position: 3 },
        { id: 'r2', position: 4 },
      ],
    });
  });

  it('puts a catch-all, or any rule on a site without one, at the end', () => {
    expect(planNewRule(placed(BIG, []), [])).toMatchObject({ position: 3 });
    expect(planNewRule(placed(BIG, BIG), BIG)).toMatchObject({ position: 3 });
    expect(planNewRule([], BIG)).toEqual({ position: 1, moves: [] });
  });

  it('moves only rules whose position changes', () => {
    const rules = [
      { id: 'a', position: 1, conditions: BIG },
      { id: 'b', position: 2, conditions: [] },
    ];
    expect(planNewRule(rules, BIG)).toEqual({ position: 2, moves: [{ id: 'b', position: 3 }] });
  });

  it('always leaves positions 1..n+1 with the old order kept and no catch-all above the new rule unless it is one', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 8 }), fc.boolean(), (catchAlls, newIsCatchAll) => {
        const rules = catchAlls.map((all, i) => ({ id: `r${i}`, position: i * 3 + 1, conditions: all ? [] : BIG }));
        const plan = planNewRule(rules, newIsCatchAll ? [] : BIG);
        const moved = new Map(plan.moves.map((m) => [m.id, m.position]));
        const after = [
          ...rules.map((r) => ({ id: r.id, position: moved.get(r.id) ?? r.position, all: r.conditions.length === 0 })),
          { id: 'new', position: plan.position, all: newIsCatchAll },
        ].sort((a, b) => a.position - b.position);
        expect(after.map((r) => r.position)).toEqual(after.map((_, i) => i + 1));
        expect(after.filter((r) => r.id !== 'new').map((r) => r.id)).toEqual(rules.map((r) => r.id));
        const above = after.slice(0, plan.position - 1);
        if (!newIsCatchAll) expect(above.some((r) => r.all)).toBe(false);
        else expect(plan.position).toBe(rules.length + 1);
      }),
    );
  });
});
