import type { MailMessage } from "./transport";

export type InvitationMessageInput = {
  to: string;
  organisationName: string;
  roleLabel: string;
  /** The person who sent the invitation, by name. */
  inviterName: string;
  link: string;
  expiresAt: Date;
};

const UK_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/London",
});

/** "Friday 3 July 2026 at 14:05", in UK time whatever the server's zone. */
export function formatUkDateTime(date: Date): string {
  const part = Object.fromEntries(UK_DATE_TIME.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year} at ${part.hour}:${part.minute}`;
}

/**
 * The invitation e-mail: plain text only, so what the person reads is exactly what was sent,
 * with the link on a line of its own and no tracking or remote content.
 */
export function invitationMessage(input: InvitationMessageInput): MailMessage {
  const expires = `${formatUkDateTime(input.expiresAt)} (UK time)`;
  return {
    to: input.to,
    subject: `Invitation to join ${input.organisationName} on the VAWG partner portal`,
    text: [
      "Hello,",
      "",
      `${input.inviterName} has invited you to join ${input.organisationName} on the VAWG partner data-sharing portal, as ${article(input.roleLabel)} ${input.roleLabel.toLowerCase()}.`,
      "",
      "To accept, open this link:",
      "",
      input.link,
      "",
      `The link works once and expires on ${expires}. You will choose a password, and the first time you sign in you will set up an authenticator app on your phone.`,
      "",
      `If you were not expecting this invitation, you can ignore this e-mail: nothing happens unless the link is used. Do not forward it: anyone with the link could use it to join ${input.organisationName}.`,
      "",
      "VAWG partner data-sharing portal",
      "",
    ].join("\n"),
  };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
