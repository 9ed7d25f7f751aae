// How the speed-pays buckets (hand-raise to first call) read, in the console and in the CSV.
import type { CallBucket } from './console-api';

export const CALL_BUCKET_LABELS: Record<CallBucket, string> = {
  under_1m: 'Under 1 min',
  '1_5m': '1–5 min',
  '5_30m': '5–30 min',
  '30m_24h': '30 min–24 h',
  later: 'Later than 24 h',
  never: 'Never called',
};
