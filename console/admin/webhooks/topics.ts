// What each webhook topic means, in the console's words. A Record over the server's Topic type,
// so a new topic fails to compile until it has a label here.
import type { Topic } from '../types';

export const TOPIC_LABELS: Record<Topic, string> = {
  'lead.stage_changed': 'Stage changes',
  'offer.created': 'Offers made to reps',
  'offer.accepted': 'Offers accepted',
  'offer.declined': 'Offers declined',
  'offer.expired': 'Offers that timed out',
  'lead.outcome': 'Call outcomes',
  'lead.sla_breached': 'SLA breaches',
};

export const TOPICS = Object.keys(TOPIC_LABELS) as Topic[];

export function topicLabel(topic: string): string {
  return topic === '*' ? 'All events' : (TOPIC_LABELS[topic as Topic] ?? topic);
}
