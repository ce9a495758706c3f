import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { contextOf } from "@/lib/access/guard";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { invitationMessage } from "@/lib/mail/invitation-message";
import type { Mailer } from "@/lib/mail/transport";
import { InvitationNotDelivered } from "./errors";
import { withdrawInvitation } from "./queries";
import { roleLabel } from "./schema";
import type { Client, Inviter } from "./types";
import { log } from "@/lib/log";

export type InvitationDelivery = {
  /** The portal's public address, which the link starts with. */
  linkBase: string;
  /** The mail server, or null when none is configured: then the link is returned to show the inviter once. */
  mailer: Mailer | null;
  client: Client;
};

export type InvitationToMail = {
  invitationId: string;
  email: string;
  organisationName: string;
  role: Role;
  link: string;
  expiresAt: Date;
};

/**
 * E-mails the invitation's link. When the mail server refuses it, the invitation is withdrawn
 * again (and that audited) and InvitationNotDelivered is thrown: nobody holds a link that works.
 */
export async function mailInvitation(db: Database, actor: Inviter, invitation: InvitationToMail, mailer: Mailer, client: Client): Promise<void> {
  const { invitationId, email, organisationName, role, link, expiresAt } = invitation;
  try {
    await mailer.send(invitationMessage({ to: email, organisationName, roleLabel: roleLabel(role), inviterName: actor.displayName, link, expiresAt }));
  } catch (error) {
    // The error's code only: the message may quote the SMTP conversation, never the mail itself, but keep logs lean.
    log.error({ invitationId, mailError: mailErrorCode(error) }, "The invitation e-mail could not be sent; the invitation is withdrawn");
    await withContext(db, contextOf(actor), async (tx) => {
      await withdrawInvitation(tx, invitationId, new Date());
      await recordAudit(tx, auditEvent(actor, "invitation.revoked", { subject: { type: "invitation", id: invitationId }, client, details: { reason: "email_not_sent", code: mailErrorCode(error) } }));
    });
    throw new InvitationNotDelivered();
  }
}

function mailErrorCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === "string" ? code : "unknown", typeof responseCode === "number" ? String(responseCode) : null].filter(Boolean).join(" ");
}
