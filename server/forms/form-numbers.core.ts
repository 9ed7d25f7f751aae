// Each form's numbers, from the leads its mapped submissions made or joined: how many leads,
// how many were MQLs and hot, how many were offered to a rep, accepted, and the median time from
// capture to a rep's accept. Pure: both stores read the rows, this counts.

export interface FormLeadRow {
  formKey: string;
  leadId: string;
  mql: boolean;
  hot: boolean;
  /** An offer was made to a rep. */
  routed: boolean;
  capturedAt: number;
  acceptedAt: number | null;
  /** When this submission arrived (Numbers counts the submissions of a date range). */
  submittedAt: number;
}

export interface FormNumbers {
  /** Mapped submissions: a person who submits twice counts twice here, once below. */
  submissions: number;
  leads: number;
  mql: number;
  hot: number;
  routed: number;
  accepted: number;
  /** Median capture-to-accept time of the accepted ones; null when none was. */
  medianAcceptMs: number | null;
}

export const NO_NUMBERS: FormNumbers = { submissions: 0, leads: 0, mql: 0, hot: 0, routed: 0, accepted: 0, medianAcceptMs: null };

export function formNumbers(rows: readonly FormLeadRow[]): Map<string, FormNumbers> {
  const byForm = new Map<string, { seen: Set<string>; n: FormNumbers; waits: number[] }>();
  for (const r of rows) {
    let f = byForm.get(r.formKey);
    if (!f) byForm.set(r.formKey, (f = { seen: new Set(), n: { ...NO_NUMBERS }, waits: [] }));
    f.n.submissions++;
    // A person who submits twice is one lead.
    if (f.seen.has(r.leadId)) continue;
    f.seen.add(r.leadId);
    f.n.leads++;
    if (r.mql) f.n.mql++;
    if (r.hot) f.n.hot++;
    if (r.routed) f.n.routed++;
    if (r.acceptedAt !== null) {
      f.n.accepted++;
      f.waits.push(Math.max(0, r.acceptedAt - r.capturedAt));
    }
  }
  return new Map([...byForm].map(([key, f]) => [key, { ...f.n, medianAcceptMs: median(f.waits) }]));
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}
