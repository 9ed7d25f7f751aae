// Finding 12: inviting an email that belongs to a user of another workspace answered
// `409 email_taken`, telling any admin who else uses this Sixty. Now an address of another
// workspace gets the same answer as any new address; only this workspace's own users are named.
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('inviting a user', () => {
  it("does not reveal another workspace's users", async () => {
    const s = (server = await startTestServer());
    await s.deps.store.createWorkspace(
      {
        workspace: { name: 'Rival Corp' },
        sites: [],
        users: [{ email: 'ceo@rival.test', name: 'Rita Rival', role: 'admin', passwordHash: await hashPassword('rival rival rival') }],
      },
      Date.now(),
    );
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const invite = async (email: string) => {
      const res = await fetch(`${s.url}/v1/console/users/invites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin, origin: s.url },
        body: JSON.stringify({ email, name: 'Someone', role: 'rep' }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      return { status: res.status, keys: Object.keys(body).sort(), emailed: body.emailed };
    };
    const elsewhere = await invite('ceo@rival.test');
    const nobody = await invite('new.person@example.test');
    expect(elsewhere).toEqual(nobody);
    expect(elsewhere.status).toBe(201);
    // This workspace's own users are named: an admin may know their colleagues.
    const here = await invite('dana@demo.sixty');
    expect(here.status).toBe(409);
    // The rival's account is untouched and the invite cannot take it over.
    const rival = await fetch(`${s.url}/v1/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ceo@rival.test', password: 'rival rival rival' }),
    });
    expect(((await rival.json()) as { workspaceName: string }).workspaceName).toBe('Rival Corp');
  });
});
