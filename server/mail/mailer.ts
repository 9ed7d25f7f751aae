import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: links are only shown to copy. */
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
}

/** SMTP through nodemailer when `SIXTY_SMTP_URL` is set (smtp:// or smtps://); otherwise off. */
export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl) return { enabled: false, send: async () => {} };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
