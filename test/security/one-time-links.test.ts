// Finding 13 (second half): an admin who asked for another admin's password reset was handed the
// link, so they could sign in as that colleague. With mail set up, a one-time link (reset or
// invite) now goes to its owner only; without mail it is returned to copy, the only way to hand it over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { linkIn, startInbox, type Inbox } from '../helpers/smtp-inbox';

let server: TestServer;
let mail: Inbox;
beforeAll(async () => {
  mail = await startInbox();
  server = await startTestServer({ smtpUrl: mail.url });
});
afterAll(async () => {
  await server.stop();
  await mail.close();
});

const post = (path: string, cookie: string | null, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('one-time links with mail set up', () => {
  it("never hands an admin another admin's reset link", async () => {
    const alex = await signIn(server.url, 'admin@demo.sixty');
    // A second admin joins by invite; the invite link itself went to them only.
    const invite = await post('/v1/console/users/invites', alex, { email: 'bo@demo.sixty', name: 'Bo Admin', role: 'admin' });
    expect(invite.body).toEqual({ emailed: true });
    const inviteToken = linkIn(mail.messages.find((m) => m.to === 'bo@demo.sixty')!.body)
      .split('/')
      .pop();
    expect((await post(`/v1/console/invites/${inviteToken}/accept`, null, { password: 'bo chose this one' })).status).toBe(201);

    const users = (await (await fetch(`${server.url}/v1/console/users`, { headers: { cookie: alex } })).json()) as Array<{ id: string; email: string }>;
    const bo = users.find((u) => u.email === 'bo@demo.sixty')!;
    const reset = await post(`/v1/console/users/${bo.id}/password-reset`, alex);
    expect(reset.status).toBe(201);
    expect(reset.body).toEqual({ emailed: true });
    expect(JSON.stringify(reset.body)).not.toContain('/console/reset/');
    // Bo, and only Bo, got the link.
    const mails = mail.messages.filter((m) => m.body.includes('/console/reset/'));
    expect(mails.map((m) => m.to)).toEqual(['bo@demo.sixty']);
  });
});
