// The escalation ladder's manager alert as email: one message per manager, with no more of the
// lead than its name (the console shows the rest to whoever signs in).
import type { Mail } from '../mail/mailer';
import type { ManagerAlert } from '../db/store';

export function managerAlertMails(alert: ManagerAlert, consoleUrl: string): Mail[] {
  return alert.managers.map((m) => ({
    to: m.email,
    subject: `Hot lead waiting: ${alert.leadName}`,
    text: [
      `Hi ${m.name},`,
      '',
      `${alert.leadName} asked to talk and nobody has taken the lead after every escalation step (live tabs, devices, the whole team).`,
      'The visitor can book a time meanwhile; the lead stays in the queue until someone takes it.',
      '',
      `Open the console to offer it to someone: ${consoleUrl}`,
    ].join('\n'),
  }));
}
