// Issue 14, finding 4: the request log wrote full paths such as `/console/invite/<token>`, so
// anyone who can read the logs could take over an invite or a password reset. Every line the
// server logs while the links are created, opened and used is captured here and searched for
// the tokens.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

const lines: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) });
});
afterAll(() => server.stop());

async function call(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', origin: server.url, ...(init.cookie ? { cookie: init.cookie } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : await res.text() };
}

const tokenOf = (link: string) => link.split('/').pop()!;
const loggedPaths = () =>
  lines
    .map((l) => JSON.parse(l) as { msg: string; path?: string })
    .filter((l) => l.msg === 'request')
    .map((l) => l.path);

describe('the request log', () => {
  it('never holds an invite or reset token, in a path or a query', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const invited = await call('/v1/console/users/invites', { method: 'POST', cookie: admin, body: { email: 'tok@demo.sixty', name: 'Tok En', role: 'rep' } });
    expect(invited.status).toBe(201);
    const users = (await call('/v1/console/users', { cookie: admin })).body as Array<{ id: string; email: string }>;
    const sam = users.find((u) => u.email === 'sam@demo.sixty')!;
    const reset = await call(`/v1/console/users/${sam.id}/password-reset`, { method: 'POST', cookie: admin });
    expect(reset.status).toBe(201);
    const invite = tokenOf(invited.body.link);
    const resetToken = tokenOf(reset.body.link);
    expect(invited.body.link).toContain(`/console/invite/${invite}`);
    expect(reset.body.link).toContain(`/console/reset/${resetToken}`);

    // Everything a person (or a mail scanner) does with the links, including a token in a query.
    expect((await call(`/console/invite/${invite}`)).status).toBe(200);
    expect((await call(`/console/reset/${resetToken}?token=${resetToken}`)).status).toBe(200);
    expect((await call(`/v1/console/invites/${invite}`)).status).toBe(200);
    expect((await call(`/v1/console/invites/${invite}/accept`, { method: 'POST', body: { password: 'a long enough secret' } })).status).toBe(201);
    expect((await call(`/v1/console/password-resets/${resetToken}`, { method: 'POST', body: { password: 'sam has a new one' } })).status).toBe(200);
    // Used links answer 404, and are logged all the same.
    expect((await call(`/v1/console/invites/${invite}?again=${invite}`)).status).toBe(404);

    const log = lines.join('');
    expect(log).not.toContain(invite);
    expect(log).not.toContain(resetToken);
    // The requests were logged, with the route's shape kept.
    expect(loggedPaths()).toEqual(
      expect.arrayContaining([
        '/console/invite/:redacted',
        '/console/reset/:redacted',
        '/v1/console/invites/:redacted',
        '/v1/console/invites/:redacted/accept',
        '/v1/console/password-resets/:redacted',
      ]),
    );
  });
});
