// The line a Slack webhook posts for an event. Slack reads `<...>` as a link or a mention
// (`<!channel>` pings everyone, `<https://evil.example|Click here>` hides where a link goes) and
// `&` as the start of an entity, so every value that came from a visitor or a rep is escaped;
// only the templates' own text can format.
import type { WebhookEvent } from './topics';

/** Slack's documented escaping for message text: `&`, `<` and `>` as entities. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A template whose every interpolated value is escaped. */
function slack(parts: TemplateStringsArray, ...values: unknown[]): string {
  return parts.reduce((line, part, i) => line + escapeSlack(String(values[i - 1])) + part);
}

/** One line a person reads in Slack. */
export function slackText(e: WebhookEvent): string {
  const lead = e.data.lead as { name?: string; stage?: string } | undefined;
  const who = lead?.name ?? 'A lead';
  switch (e.topic) {
    case 'lead.sla_breached':
      return slack`:rotating_light: Hot lead ${who} is waiting: SLA missed (${String(e.data.cause ?? 'unknown cause').replaceAll('_', ' ')}).`;
    case 'offer.accepted':
      return slack`:white_check_mark: ${e.data.text ?? `${who} was accepted`}`;
    case 'lead.stage_changed':
      return slack`${who} moved to ${String(e.data.to ?? '').toUpperCase()}` + (e.data.reason ? slack`: ${e.data.reason}` : '');
    default:
      return slack`${who}: ${e.data.text ?? e.topic}`;
  }
}
