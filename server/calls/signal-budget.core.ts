// A fixed budget of signalling messages per socket per second. A call needs a handful (an offer,
// an answer, a few dozen candidates spread over the first seconds); a client sending more is
// broken or hostile, and what exceeds the budget is dropped with an error ack.

/** The budget's state for one socket: the second it counts, and how many it has spent in it. */
export interface SignalBudget {
  second: number;
  spent: number;
}

export const FRESH_BUDGET: SignalBudget = { second: -1, spent: 0 };

/** Spends one message of `perSecond` at `now`: the next state, and whether the message may go. */
export function spendSignal(budget: SignalBudget, perSecond: number, now: number): { budget: SignalBudget; allowed: boolean } {
  const second = Math.floor(now / 1000);
  const spent = second === budget.second ? budget.spent : 0;
  if (spent >= perSecond) return { budget: { second, spent }, allowed: false };
  return { budget: { second, spent: spent + 1 }, allowed: true };
}
