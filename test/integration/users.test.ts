// Users: invites and password resets by one-time link (shown to copy and mailed over SMTP to a
// local server), and deactivation that ends sessions and live connections at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, repSocket, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { linkIn, startInbox, type Inbox } from '../helpers/smtp-inbox';

let server: TestServer;
let mail: Inbox;
let inbox: Inbox['messages'];

beforeAll(async () => {
  mail = await startInbox();
  inbox = mail.messages;
  server = await startTestServer({ smtpUrl: mail.url });
});
afterAll(async () => {
  await server.stop();
  await mail.close();
});

async function call(path: string, cookie: string | null, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
}

describe('users', () => {
  it('invites with a one-time link mailed to the invitee only; the invitee sets a password and signs in', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const res = await call('/v1/console/users/invites', admin, {
      method: 'POST',
      body: JSON.stringify({ email: 'Nia@Demo.Sixty', name: 'Nia Newrep', role: 'rep' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.emailed).toBe(true);
    const invited = inbox.find((m) => m.to === 'nia@demo.sixty')!;
    // Mailed to its owner, so the admin gets no copy of a link that grants an account.
    expect(res.body.link).toBeUndefined();
    const token = linkIn(invited.body).split('/').pop();

    expect((await call(`/v1/console/invites/${token}`, null)).body).toMatchObject({
      email: 'nia@demo.sixty',
      role: 'rep',
      workspaceName: 'Acme Commercial Kitchens',
    });
    const weak = await call(`/v1/console/invites/${token}/accept`, null, { method: 'POST', body: JSON.stringify({ password: 'short' }) });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toMatch(/10 characters/);
    expect(
      (await call(`/v1/console/invites/${token}/accept`, null, { method: 'POST', body: JSON.stringify({ password: 'a long enough secret' }) })).status,
    ).toBe(201);
    // Single use.
    expect(
      (await call(`/v1/console/invites/${token}/accept`, null, { method: 'POST', body: JSON.stringify({ password: 'another long secret' }) })).status,
    ).toBe(404);
    const nia = await signIn(server.url, 'nia@demo.sixty', 'a long enough secret');
    expect((await call('/v1/console/me', nia)).body.name).toBe('Nia Newrep');
    expect((await call('/v1/console/users/invites', nia, { method: 'POST', body: JSON.stringify({ email: 'x@y.z', name: 'X', role: 'admin' }) })).status).toBe(
      403,
    );
  });

  it('resets a password by link, which ends the sessions opened with the old one', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const users = (await call('/v1/console/users', admin)).body as Array<{ id: string; email: string }>;
    const sam = users.find((u) => u.email === 'sam@demo.sixty')!;
    const samSession = await signIn(server.url, 'sam@demo.sixty');
    const res = await call(`/v1/console/users/${sam.id}/password-reset`, admin, { method: 'POST' });
    expect(res).toMatchObject({ status: 201, body: { emailed: true } });
    expect(res.body.link).toBeUndefined();
    const token = linkIn(inbox.find((m) => m.to === 'sam@demo.sixty')!.body)
      .split('/')
      .pop();
    expect((await call(`/v1/console/password-resets/${token}`, null, { method: 'POST', body: JSON.stringify({ password: 'sam has a new one' }) })).status).toBe(
      200,
    );
    expect((await call('/v1/console/me', samSession)).status).toBe(401);
    await expect(signIn(server.url, 'sam@demo.sixty')).rejects.toThrow('401');
    await signIn(server.url, 'sam@demo.sixty', 'sam has a new one');
  });

  it('deactivates a user: their sessions end and their live connection drops at once', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const dana = (await call('/v1/console/users', admin)).body.find((u: { email: string }) => u.email === 'dana@demo.sixty');
    const danaCookie = await signIn(server.url, 'dana@demo.sixty');
    const socket = repSocket(server.url, danaCookie);
    await connected(socket);
    const dropped = new Promise<number>((resolve) => socket.on('disconnect', () => resolve(Date.now())));
    const t0 = Date.now();
    expect((await call(`/v1/console/users/${dana.id}/deactivate`, admin, { method: 'POST' })).status).toBe(204);
    expect((await dropped) - t0).toBeLessThan(5000);
    expect((await call('/v1/console/me', danaCookie)).status).toBe(401);
    await expect(signIn(server.url, 'dana@demo.sixty')).rejects.toThrow('401');
    expect((await call(`/v1/console/users/${dana.id}/deactivate`, danaCookie, { method: 'POST' })).status).toBe(401);
  });
});
