// Issue 14, finding 13: webhook secrets were shown again. `GET /v1/console/webhooks` returned
// every signing secret, although the code said they are shown once. Now the secret is in the
// answer to the request that made the webhook and nowhere after: the list shows its last four
// characters, and deliveries are still signed with the whole secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../server/webhooks/signature';
import { callbackBody, postCallback, signIn } from '../helpers/test-server';
import { createWebhook, startWebhookRig, type WebhookRig } from '../helpers/webhook-rig';
import { waitFor } from '../helpers/wait-for';

let rig: WebhookRig;
beforeAll(async () => {
  rig = await startWebhookRig();
});
afterAll(() => rig.stop());

describe('a webhook signing secret', () => {
  it('is shown once when the webhook is made, then only by its last four characters', async () => {
    const { server, receiver } = rig;
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const made = await createWebhook(server, admin, { url: `${receiver.url}/signed`, kind: 'signed', topics: ['lead.stage_changed'] });
    expect(made.status).toBe(201);
    const { id, secret, secretLast4 } = (await made.json()) as { id: string; secret: string; secretLast4: string };
    expect(secret).toMatch(/^whsec_.{20,}$/);
    expect(secretLast4).toBe(secret.slice(-4));

    // Every later read: the list (with the delivery log) as an admin reads it, twice.
    for (let read = 0; read < 2; read++) {
      const res = await fetch(`${server.url}/v1/console/webhooks`, { headers: { cookie: admin } });
      const text = await res.text();
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 12));
      const hook = (JSON.parse(text) as Array<Record<string, unknown>>).find((h) => h.id === id)!;
      expect(hook).not.toHaveProperty('secret');
      expect(hook.secretLast4).toBe(secretLast4);
    }

    // The receiver still verifies deliveries with the secret it was given once.
    await postCallback(server.url, callbackBody(server.siteKey, { name: 'Sia Signed' }));
    const delivery = await waitFor('a signed delivery', () => receiver.received.find((r) => r.body.includes('Sia Signed')));
    expect(verify(secret, delivery.body, delivery.headers['sixty-signature'] as string, Date.now())).toBe(true);
  });
});
