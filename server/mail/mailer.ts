import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * An iTIP message (RFC 6047): sent inline as `text/calendar; method=…` (what mail clients show
   * as an invite with accept buttons) and attached as an `.ics` file (for clients that do not).
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; ics: string; filename: string };
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
      const cal = mail.calendar;
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(cal
          ? {
              icalEvent: { method: cal.method, content: cal.ics },
              attachments: [{ filename: cal.filename, content: cal.ics, contentType: `application/ics; method=${cal.method}` }],
            }
          : {}),
      });
    },
  };
}
