// Slack lines: a visitor's or rep's words never format (no mentions, no disguised links), on
// every topic, and escaping loses nothing: Slack shows exactly what was typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeSlack, slackText } from './slack-text';
import { TOPICS, type WebhookEvent } from './topics';

const HOSTILE = '<!channel> <https://evil.example|Click here> & <@U123>';

const event = (topic: string, data: Record<string, unknown>): WebhookEvent => ({ id: 'sc_1', topic, workspaceId: 'w', at: 0, data });

/** What Slack shows for escaped text. */
const shown = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('slack text', () => {
  it('escapes the name, the event text, the reason and the cause on every topic', () => {
    for (const topic of TOPICS) {
      const line = slackText(event(topic, { lead: { name: HOSTILE }, text: HOSTILE, reason: HOSTILE, cause: HOSTILE, to: 'hot' }));
      expect(line, topic).not.toMatch(/[<>]/);
      expect(line, topic).toContain('&lt;!channel&gt; &lt;https://evil.example|Click here&gt; &amp; &lt;@U123&gt;');
    }
  });

  it('keeps its own formatting', () => {
    expect(slackText(event('lead.sla_breached', { lead: { name: 'Ann' }, cause: 'nobody_online' }))).toBe(
      ':rotating_light: Hot lead Ann is waiting: SLA missed (nobody online).',
    );
    expect(slackText(event('lead.stage_changed', { lead: { name: 'Ann & Bo' }, to: 'sal', reason: 'Accepted' }))).toBe('Ann &amp; Bo moved to SAL: Accepted');
  });

  it('leaves no markup in any value, and Slack shows the value unchanged', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, text) => {
        const line = slackText(event('offer.created', { lead: { name }, text }));
        expect(line).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
        expect(shown(line)).toBe(`${name}: ${text}`);
        expect(shown(escapeSlack(name))).toBe(name);
      }),
    );
  });
});
