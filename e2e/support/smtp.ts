import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from "@/lib/mail/testing";
import { spawnPortal, waitUntilUp } from "./portal";

/** The invitation link in an e-mail: the line that is one. */
export function invitationLinkIn(mail: ReceivedMail): string {
  const link = mail.text.split("\n").find((line) => /^https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}$/.test(line.trim()));
  if (!link) throw new Error(`No invitation link in the e-mail to ${mail.envelopeTo.join(", ")}:\n${mail.text}`);
  return link.trim();
}

export type PortalWithMail = {
  baseURL: string;
  smtp: TestSmtpServer;
  /** What the portal wrote to stderr, for a failing test's report. */
  stderr(): string;
  stop(): Promise<void>;
};

/**
 * A second instance of the built portal that e-mails through a test SMTP server. It shares the
 * main portal's server database (DATABASE_URL).
 */
export async function startPortalWithMail(): Promise<PortalWithMail> {
  const smtp = await startTestSmtpServer();
  const env: Record<string, string> = {
    SMTP_URL: smtp.url,
    MAIL_FROM: "VAWG partner portal (browser tests) <no-reply@vawg-portal.example>",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "browser-tests-only-secret-0123456789abcdef",
    PORTAL_URL: "",
  };
  const portal = await spawnPortal(env);
  const stop = async () => {
    await portal.stop();
    await smtp.close();
  };
  try {
    await waitUntilUp(portal);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL: portal.baseURL, smtp, stderr: portal.stderr, stop };
}
