// Speed-to-lead (DOMAIN.md): from the hand-raise to the rep's accept, and to the first call
// attempt (the tel: click, a connected browser call or the first logged outcome, whichever came
// first); for browser calls, to voice connected. Pure.
import type { Distribution, SpeedReport } from '../../shared/console-api';
import { percentile, ratio, sortedNumbers } from './stats';

export interface SpeedLead {
  handRaiseAt: number;
  acceptedAt: number | null;
  firstCallAt: number | null;
  repName: string | null;
  teamName: string | null;
  /** leads.talk: `browser` when the visitor asked to talk in the browser (issue 23). */
  talk?: string | null;
  /** When its browser call first connected (voice); null when none did. */
  voiceAt?: number | null;
}

export function speedToLead(leads: readonly SpeedLead[], breachCauses: readonly string[]): SpeedReport {
  const group = (key: (l: SpeedLead) => string | null) => {
    const by = new Map<string, SpeedLead[]>();
    for (const l of leads) {
      const k = key(l);
      if (k === null) continue;
      // Pushed, not copied: copying the group per lead is quadratic (seconds at 100,000 leads).
      const ls = by.get(k);
      if (ls) ls.push(l);
      else by.set(k, [l]);
    }
    return [...by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, ls]) => ({ name, toAccept: distribution(ls, (l) => l.acceptedAt), toFirstCall: distribution(ls, (l) => l.firstCallAt) }));
  };
  const causes = new Map<string, number>();
  for (const c of breachCauses) causes.set(c, (causes.get(c) ?? 0) + 1);
  return {
    toAccept: distribution(leads, (l) => l.acceptedAt),
    toFirstCall: distribution(leads, (l) => l.firstCallAt),
    // Of the hand-raises that asked to talk in the browser: how soon voice connected.
    toVoice: distribution(
      leads.filter((l) => l.talk === 'browser'),
      (l) => l.voiceAt ?? null,
    ),
    byRep: group((l) => l.repName),
    byTeam: group((l) => l.teamName),
    breaches: { total: breachCauses.length, byCause: [...causes.entries()].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count) },
  };
}

function distribution(leads: readonly SpeedLead[], at: (l: SpeedLead) => number | null): Distribution {
  const reached: number[] = [];
  let within60s = 0;
  let within5m = 0;
  for (const l of leads) {
    const t = at(l);
    if (t === null) continue;
    const d = Math.max(0, t - l.handRaiseAt);
    reached.push(d);
    if (d <= 60_000) within60s++;
    if (d <= 300_000) within5m++;
  }
  const times = sortedNumbers(reached);
  return {
    leads: leads.length,
    reached: times.length,
    medianMs: percentile(times, 50),
    p90Ms: percentile(times, 90),
    within60s: ratio(within60s, leads.length),
    within5m: ratio(within5m, leads.length),
  };
}
