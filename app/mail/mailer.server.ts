// Sending e-mail through the SMTP server of the configuration (SMTP_URL, MAIL_FROM): sign-in links
// reminders and convocations go out the same way. Callers decide what to do when SMTP is not configured.
import { createTransport } from "nodemailer";
import { config } from "~/config.server";

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  /** E.g. a convocation's `.ics` invitation. */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export function smtpConfigured(): boolean {
  return config().smtp !== null;
}

/** Sends `mail` from MAIL_FROM; throws when SMTP is not configured or the server refuses it. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { smtp, mailFrom } = config();
  if (!smtp) throw new Error("SMTP_URL n'est pas configurée");
  await createTransport(smtp.url).sendMail({ from: mailFrom, ...mail });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
