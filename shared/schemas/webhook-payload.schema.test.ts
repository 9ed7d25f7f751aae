// docs/api.md documents every field a webhook receiver gets: a field added to the schema without
// its line in the docs fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webhookEventSchema, webhookLeadSchema, webhookUtmSchema } from './webhook-payload.schema';

const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const section = docs.slice(docs.indexOf('## Webhook payloads'), docs.indexOf('## Live channel'));

describe('the webhook payload docs', () => {
  it('name every field of the lead, its UTM tags, answers and score reasons', () => {
    expect(section.length).toBeGreaterThan(100);
    const answer = webhookLeadSchema.shape.answers.element.shape;
    const reason = webhookLeadSchema.shape.scoreReasons.element.shape;
    for (const key of [...Object.keys(webhookLeadSchema.shape), ...Object.keys(webhookUtmSchema.shape), ...Object.keys(answer), ...Object.keys(reason)]) {
      expect(section, key).toMatch(new RegExp(`[\`{ ,]${key}[\`}, ]`));
    }
  });

  it('name every topic and the fields of its data', () => {
    for (const option of webhookEventSchema.options) {
      const topic = option.shape.topic as { options?: string[]; values?: Set<string> };
      const topics = topic.options ?? [...topic.values!];
      for (const name of topics) expect(section, name).toContain(`\`${name}\``);
      for (const key of Object.keys(option.shape.data.shape)) expect(section, `${topics[0]} ${key}`).toMatch(new RegExp(`[{ ,]${key}[}, ]`));
    }
  });
});
