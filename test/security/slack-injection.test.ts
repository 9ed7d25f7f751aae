// Issue 14, finding 6: Slack formatting injection. A visitor named
// `<!channel> <https://evil.example|Click…>` reached Slack verbatim: an @channel ping for the
// whole workspace and a link whose text hides where it goes. Every visitor-supplied value in a
// Slack message is now escaped (&, <, >), so Slack shows the name as typed and formats nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postCallback, signIn } from '../helpers/test-server';
import { createWebhook, startWebhookRig, type WebhookRig } from '../helpers/webhook-rig';
import { waitFor } from '../helpers/wait-for';

const NAME = '<!channel> <https://evil.example|Click…>';
/** What Slack receives for it, and displays as the literal name. */
const ESCAPED = '&lt;!channel&gt; &lt;https://evil.example|Click…&gt;';

let rig: WebhookRig;
beforeAll(async () => {
  rig = await startWebhookRig();
});
afterAll(() => rig.stop());

describe('a Slack webhook', () => {
  it('posts a hostile visitor name as plain text: no @channel, no disguised link', async () => {
    const { server, receiver } = rig;
    const admin = await signIn(server.url, 'admin@demo.sixty');
    expect((await createWebhook(server, admin, { url: `${receiver.url}/slack`, kind: 'slack', topics: ['*'] })).status).toBe(201);

    const lead = await postCallback(server.url, callbackBody(server.siteKey, { name: NAME }));
    expect(lead.status).toBe(201);
    const messages = await waitFor('a Slack message about the lead', () => {
      const texts = receiver.received.map((r) => (JSON.parse(r.body) as { text: string }).text);
      return texts.some((t) => t.includes('moved to HOT')) ? texts : undefined;
    });

    for (const text of messages) {
      expect(text).toContain(ESCAPED);
      // Slack formats only what sits between < and >: none is left.
      expect(text).not.toMatch(/[<>]/);
    }
  });
});
