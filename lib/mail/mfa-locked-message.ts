import { formatUkDateTime } from "./invitation-message";
import type { MailMessage } from "./transport";

/**
 * Tells a person their account was locked for the second factor: someone who knew their
 * password entered too many wrong codes. Plain text, no link to follow.
 */
export function mfaLockedMessage(input: { to: string; lockedAt: Date }): MailMessage {
  return {
    to: input.to,
    subject: "Your VAWG partner portal account has been locked",
    text: [
      "Hello,",
      "",
      `On ${formatUkDateTime(input.lockedAt)} (UK time) your account on the VAWG partner data-sharing portal was locked, because too many wrong authenticator or recovery codes were entered after your password.`,
      "",
      "If this was not you, someone else knows your password. Ask your organisation's partner lead or the national administrator to unlock your account, and change your password as soon as you can sign in.",
      "",
      "VAWG partner data-sharing portal",
      "",
    ].join("\n"),
  };
}
