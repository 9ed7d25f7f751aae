// Books the chosen time. The server answers the new status, or 409 with the times free now
// when another visitor (or the rep's own calendar) took it first.
import type { VisitorStatus } from '../../shared/api';
import type { CallbackResponse } from '../../shared/api';

export type Choice = { status: VisitorStatus } | { taken: string[] } | null;

/** Null when it could not be saved; a network failure is tried once more (booking twice is refused harmlessly). */
export async function chooseSlot(origin: string, lead: CallbackResponse, slot: string): Promise<Choice> {
  const url = `${origin}/v1/callbacks/${encodeURIComponent(lead.leadId)}/slot`;
  const body = JSON.stringify({ token: lead.visitorToken, slot });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body, credentials: 'omit' });
      const answer = (await res.json().catch(() => null)) as { status?: VisitorStatus; slots?: unknown } | null;
      if (res.ok && answer && answer.status) return { status: answer.status };
      if (res.status == 409 && answer && Array.isArray(answer.slots)) return { taken: answer.slots.filter((s): s is string => typeof s == 'string') };
      if (res.status < 500) return null;
    } catch {
      // Network failure: try again below.
    }
  }
  return null;
}
