// The saved marketing SLA, its pace this month, and the signed-in manager's digest by mail.
import type { DigestPrefs, DigestPrefsBody, MarketingSlaBody, SlaPaceView, SlaView } from '../../../shared/schemas/sla.schema';
import { request } from '../../api';

export const slaApi = {
  get: () => request<SlaView>('GET', '/v1/console/sla'),
  save: (body: MarketingSlaBody) => request<SlaView>('PUT', '/v1/console/sla', body, false),
  pace: (timeZone: string) => request<SlaPaceView>('GET', `/v1/console/sla/pace?tz=${encodeURIComponent(timeZone)}`),
  digest: () => request<DigestPrefs>('GET', '/v1/console/sla/digest'),
  saveDigest: (body: DigestPrefsBody) => request<DigestPrefs>('PUT', '/v1/console/sla/digest', body, false),
};

/** This browser's zone: the month of the pace and the digest's 08:00 are taken in it. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
