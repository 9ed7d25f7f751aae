// A local SMTP server that keeps every message it receives, for tests of mail Sixty sends.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  /** `smtp://…` for SIXTY_SMTP_URL. */
  url: string;
  messages: Array<{ to: string; body: string }>;
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const messages: Inbox['messages'] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let body = '';
      stream.on('data', (b: Buffer) => (body += b.toString()));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    messages,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The one-time console link in a mail body (quoted-printable soft breaks undone). */
export function linkIn(body: string): string {
  const text = body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return /(http:\/\/\S+\/console\/(?:invite|reset)\/[\w-]+)/.exec(text)![1]!;
}
