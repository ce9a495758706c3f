import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Env } from "@/lib/env";

/** One plain-text e-mail to one person. */
export type MailMessage = { to: string; subject: string; text: string };

/** Sends the portal's e-mails. Nothing about a message (tokens in links included) is ever logged. */
export type Mailer = {
  send(message: MailMessage): Promise<void>;
  close(): void;
};

/** A mail server that does not answer within these is treated as down, so a form never hangs. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

/**
 * An SMTP mailer for SMTP_URL, or null when it is unset (then the caller shows what it would
 * have sent instead). smtp:// upgrades with STARTTLS whenever the server offers it; smtps://
 * is TLS from the start. nodemailer's own logging stays off: it would print message bodies.
 */
export function createMailer(env: Pick<Env, "SMTP_URL" | "MAIL_FROM">): Mailer | null {
  if (!env.SMTP_URL) return null;
  const options: SMTPTransport.Options & { url: string } = { url: env.SMTP_URL, ...TIMEOUTS, logger: false, debug: false };
  const transport = nodemailer.createTransport(options);
  return {
    async send(message) {
      await transport.sendMail({
        from: env.MAIL_FROM,
        // An address object, never a string nodemailer would parse: the recipient is exactly this.
        to: { name: "", address: message.to },
        subject: oneLine(message.subject),
        text: message.text,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transport.close();
    },
  };
}

/** Header values never carry a line break, whatever a name in them contains. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}
