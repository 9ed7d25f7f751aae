// A console user of any role, added as an admin would: invited through the API, the one-time
// link followed (from the answer, or from the local SMTP inbox when mail is on), signed in.
import type { Inbox } from './smtp-inbox';
import { signIn } from './test-server';

export async function addUser(
  url: string,
  adminCookie: string,
  who: { email: string; name: string; role: 'admin' | 'manager' | 'rep' },
  inbox?: Inbox['messages'],
): Promise<string> {
  const res = await fetch(`${url}/v1/console/users/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    body: JSON.stringify(who),
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { link?: string };
  // From the mail (quoted-printable soft breaks undone), on whatever origin the install links to.
  const link = body.link ?? inbox!.find((m) => m.to === who.email)!.body.replace(/=\r?\n/g, '');
  const token = /\/console\/invite\/([\w-]+)/.exec(link)![1]!;
  const password = 'a long enough secret';
  const accepted = await fetch(`${url}/v1/console/invites/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status}`);
  return signIn(url, who.email, password);
}
