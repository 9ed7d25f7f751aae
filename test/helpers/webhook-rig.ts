// A test server allowed to deliver to a local webhook receiver (SIXTY_FETCH_ALLOW=127.0.0.1),
// with that receiver, and a way to add webhooks as an admin.
import { startReceiver, type Receiver } from './receiver';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server';

export interface WebhookRig {
  server: TestServer;
  receiver: Receiver;
  stop(): Promise<void>;
}

export async function startWebhookRig(overrides: TestServerOptions = {}): Promise<WebhookRig> {
  const receiver = await startReceiver();
  const server = await startTestServer({ webhookTickMs: 50, fetchAllow: ['127.0.0.1'], ...overrides });
  return {
    server,
    receiver,
    async stop() {
      await server.stop();
      await receiver.close();
    },
  };
}

/** `POST /v1/console/webhooks` as the admin whose session cookie is given. */
export function createWebhook(server: TestServer, cookie: string, body: { url: string; kind: string; topics: string[] }): Promise<Response> {
  return fetch(`${server.url}/v1/console/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
}
