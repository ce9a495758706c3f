import { randomUUID } from "node:crypto";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { isUniqueViolation, withoutQueryParameters } from "@/db/errors";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-policy";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import { InvitationAlreadyUsed, InvitationUnavailable, PROBLEM, refusalReason, refused } from "./errors";
import { insertMembership, insertUser, membershipRole } from "./queries";
import { consumeInvitationToken, findInvitation } from "./token";
import type { Client, Invitee } from "./types";

export type Accepted = { userId: string; organisation: { id: string; name: string }; role: Role };

/**
 * Accepts an invitation for someone without an account: creates the account (name and
 * password; the authenticator app is set up at first sign-in) and the membership, and uses up
 * the invitation, all in one transaction. A link used twice, or twice at once, works once.
 */
export async function acceptWithNewAccount(
  db: Database,
  token: string,
  input: { displayName: string; password: string },
  client: Client,
  now = new Date(),
): Promise<Accepted> {
  let invitationId: string | undefined;
  try {
    const invitation = await findInvitation(db, token, now);
    invitationId = invitation.invitationId;
    if (invitation.accountExists) {
      throw refused(new Conflict(`There is already an account for ${invitation.email}. Sign in with it to accept this invitation.`), "account_exists");
    }
    if (!invitation.organisation.active) {
      throw refused(new Conflict(`${invitation.organisation.name} is suspended, so nobody can join it at the moment.`), "organisation_suspended");
    }
    const policy = checkPassword(input.password, { email: invitation.email, displayName: input.displayName });
    if (!policy.ok) throw new Invalid(PROBLEM, { password: policy.reason });
    const passwordHash = await hashPassword(input.password);
    const newUserId = randomUUID();
    // Row-level security lets exactly this user take up exactly this invitation.
    const accepted = await withContext(db, { userId: newUserId }, async (tx) => {
      await insertUser(tx, { id: newUserId, email: invitation.email, displayName: input.displayName, passwordHash, createdAt: now, updatedAt: now });
      const row = await consumeInvitationToken(tx, token, newUserId, now);
      await insertMembership(tx, { userId: newUserId, orgId: row.orgId, role: row.role, createdAt: now, updatedAt: now });
      const actor = { userId: newUserId, organisation: { id: row.orgId } };
      await recordAudit(tx, auditEvent(actor, "user.created", { subject: { type: "user", id: newUserId }, client, details: { via: "invitation", invitationId: row.id } }));
      await recordAudit(tx, auditEvent(actor, "membership.created", { subject: { type: "user", id: newUserId }, client, details: { via: "invitation", orgId: row.orgId, role: row.role } }));
      await recordAudit(tx, auditEvent(actor, "invitation.accepted", { subject: { type: "invitation", id: row.id }, client, details: { orgId: row.orgId, role: row.role, newAccount: true } }));
      return row;
    });
    return { userId: newUserId, organisation: { id: accepted.orgId, name: invitation.organisation.name }, role: accepted.role };
  } catch (error) {
    // Two acceptances at once both try to create the account; the loser meets the unique e-mail.
    const failure = isUniqueViolation(error) ? refused(new InvitationAlreadyUsed(), "already_used") : error;
    await auditAcceptRefusal(db, failure, { invitationId, userId: null, client });
    throw withoutQueryParameters(failure);
  }
}

/**
 * Accepts an invitation for the signed-in user it is addressed to: adds the membership and uses
 * up the invitation in one transaction. Another signed-in user is refused; so is a member.
 */
export async function acceptAsMember(db: Database, invitee: Invitee, token: string, client: Client, now = new Date()): Promise<Accepted> {
  let invitationId: string | undefined;
  try {
    const invitation = await findInvitation(db, token, now);
    invitationId = invitation.invitationId;
    if (invitation.email !== invitee.email.toLowerCase()) {
      throw refused(
        new Forbidden(`This invitation is for ${invitation.email}, but you are signed in as ${invitee.email}. Sign out, then open the link again and sign in as ${invitation.email}.`),
        "wrong_account",
      );
    }
    if (!invitation.organisation.active) {
      throw refused(new Conflict(`${invitation.organisation.name} is suspended, so nobody can join it at the moment.`), "organisation_suspended");
    }
    const accepted = await withContext(db, { userId: invitee.userId }, async (tx) => {
      if (await membershipRole(tx, invitee.userId, invitation.organisation.id)) {
        throw refused(new Conflict(`You already belong to ${invitation.organisation.name}.`), "already_member");
      }
      const row = await consumeInvitationToken(tx, token, invitee.userId, now);
      await insertMembership(tx, { userId: invitee.userId, orgId: row.orgId, role: row.role, createdAt: now, updatedAt: now });
      const actor = { userId: invitee.userId, organisation: { id: row.orgId } };
      await recordAudit(tx, auditEvent(actor, "membership.created", { subject: { type: "user", id: invitee.userId }, client, details: { via: "invitation", orgId: row.orgId, role: row.role } }));
      await recordAudit(tx, auditEvent(actor, "invitation.accepted", { subject: { type: "invitation", id: row.id }, client, details: { orgId: row.orgId, role: row.role, newAccount: false } }));
      return row;
    });
    return { userId: invitee.userId, organisation: { id: accepted.orgId, name: invitation.organisation.name }, role: accepted.role };
  } catch (error) {
    const failure = isUniqueViolation(error) ? refused(new InvitationAlreadyUsed(), "already_used") : error;
    await auditAcceptRefusal(db, failure, { invitationId, userId: invitee.userId, client });
    throw withoutQueryParameters(failure);
  }
}

async function auditAcceptRefusal(db: Database, error: unknown, facts: { invitationId?: string; userId: string | null; client: Client }) {
  const reason = error instanceof InvitationUnavailable ? "unavailable" : refusalReason(error);
  if (!reason) return;
  await recordAudit(
    db,
    auditEvent({ userId: facts.userId }, "invitation.accepted", {
      outcome: error instanceof Forbidden ? "denied" : "failure",
      subject: facts.invitationId ? { type: "invitation", id: facts.invitationId } : undefined,
      client: facts.client,
      details: { reason },
    }),
  );
}
