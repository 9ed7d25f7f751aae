// Finding 8: five simultaneous `POST /v1/console/setup` on an empty database made five
// workspaces, and anyone who reached a fresh install's port first could make themselves its admin.
// Setup now needs the one-time token `npm start` prints, and the check and the creation are one step.
import { afterEach, describe, expect, it } from 'vitest';
import { SETUP_TOKEN } from '../../server/console/setup-token';
import { rows, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const setup = (base: string, body: Record<string, unknown>) =>
  fetch(`${base}/v1/console/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ workspaceName: 'Beta Ltd', name: 'Bea Admin', email: 'bea@beta.test', password: 'correct horse battery', ...body }),
  });

describe('first-run setup', () => {
  it('refuses without the printed setup token, field by field', async () => {
    const s = (server = await startTestServer({ demo: false, allowEmpty: true }));
    const missing = await setup(s.url, {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields.setupToken).toBe('Required');
    const wrong = await setup(s.url, { setupToken: 'guessed-token' });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.fields.setupToken).toBeTruthy();
    expect(await rows(s, 'select id from workspaces')).toEqual([]);
  });

  it('makes exactly one workspace from five simultaneous setups', async () => {
    const s = (server = await startTestServer({ demo: false, allowEmpty: true }));
    const setupToken = await s.deps.store.secret(SETUP_TOKEN);
    const codes = await Promise.all([0, 1, 2, 3, 4].map((i) => setup(s.url, { setupToken, email: `admin${i}@beta.test` }).then((r) => r.status)));
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(4);
    expect(await rows(s, 'select id from workspaces')).toHaveLength(1);
    expect(await rows(s, 'select id from users')).toHaveLength(1);
  });
});
