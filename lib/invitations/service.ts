import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import { isUniqueViolation, withoutQueryParameters } from "@/db/errors";
import { invitations, memberships, organisations, users } from "@/db/schema";
import { contextOf } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-policy";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { AppError, Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { invitationMessage } from "@/lib/mail/invitation-message";
import type { Mailer } from "@/lib/mail/transport";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { INVITATION_HOURS, TOKEN_PATTERN, invitableRoles, isNationalRole, roleLabel, type InvitationInput } from "./schema";

/** Who is inviting: the parts of the viewer this service needs. */
export type Inviter = { userId: string; displayName: string; role: Role; organisation: { id: string } };

/** Someone signed in, accepting an invitation addressed to them. */
export type Invitee = { userId: string; email: string };

export type Client = { ipAddress: string };

/** Used, expired, withdrawn or never issued: the link cannot be used, and nobody learns which. */
export class InvitationUnavailable extends AppError {
  override name = "InvitationUnavailable";
  constructor() {
    super(
      "This invitation link cannot be used. It has already been used, it has expired, or it has been withdrawn. If you have already set up your account, sign in. Otherwise ask the person who invited you to send a new invitation.",
      410,
    );
  }
}

/** Someone accepted the invitation first (the same link, used twice or at once). */
export class InvitationAlreadyUsed extends AppError {
  override name = "InvitationAlreadyUsed";
  constructor() {
    super("This invitation has already been used. If it was you who accepted it, sign in.", 409);
  }
}

/** The invitation was made, but its e-mail could not be sent; it has been withdrawn again. */
export class InvitationNotDelivered extends AppError {
  override name = "InvitationNotDelivered";
  constructor() {
    super(
      "The invitation e-mail could not be sent, so the invitation has been withdrawn. Try again in a few minutes. If it keeps failing, tell the portal's administrators.",
      502,
    );
  }
}

const PROBLEM = "There is a problem with what you entered.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Why a request was refused, for the audit log; errors without a reason (bad input) are not audited.
const reasons = new WeakMap<Error, string>();
function refused<E extends AppError>(error: E, reason: string): E {
  reasons.set(error, reason);
  return error;
}


export type OrganisationChoice = { id: string; name: string; type: OrganisationType };

export type InviteOptions = {
  /** The organisations the inviter may choose from: every active one for administrators. */
  organisations: OrganisationChoice[];
  /** A partner lead's own organisation, which they cannot change; null for administrators. */
  fixedOrganisation: OrganisationChoice | null;
  roles: Role[];
};

/** What the invite form offers: administrators any active organisation and role; partner leads their own organisation, below admin and auditor. */
export async function getInviteOptions(db: Database, actor: Inviter): Promise<InviteOptions> {
  if (!can(actor.role, "users.invite_org")) throw new Forbidden();
  const roles = invitableRoles(actor.role);
  return withContext(db, contextOf(actor), async (tx) => {
    const columns = { id: organisations.id, name: organisations.name, type: organisations.type };
    if (can(actor.role, "users.manage")) {
      const rows = await tx.select(columns).from(organisations).where(eq(organisations.status, "active")).orderBy(asc(organisations.name));
      return { organisations: rows, fixedOrganisation: null, roles };
    }
    const [own] = await tx.select(columns).from(organisations).where(eq(organisations.id, actor.organisation.id));
    if (!own) throw new NotFound("There is no such organisation.");
    return { organisations: [own], fixedOrganisation: own, roles };
  });
}

export type InvitationDelivery = {
  /** The portal's public address, which the link starts with. */
  linkBase: string;
  /** The mail server, or null when none is configured: then the link is returned to show the inviter once. */
  mailer: Mailer | null;
  client: Client;
};

export type InvitationSent = {
  invitationId: string;
  email: string;
  organisation: { id: string; name: string };
  role: Role;
  expiresAt: Date;
  /** Only when there is no mail server: the link, for the inviter to pass on. It is never stored. */
  link: string | null;
};

/**
 * Invites someone to join an organisation with a role, by a single-use link that expires after
 * 72 hours. Administrators invite to any active organisation (admin and auditor only to the
 * national one); partner leads only to their own, with any role but admin and auditor. Someone
 * already a member is refused. A newer invitation to the same address withdraws the older one.
 */
export async function createInvitation(
  db: Database,
  actor: Inviter,
  input: InvitationInput,
  delivery: InvitationDelivery,
  now = new Date(),
): Promise<InvitationSent> {
  try {
    return await invite(db, actor, input, delivery, now);
  } catch (error) {
    const reason = error instanceof Error ? reasons.get(error) : undefined;
    if (reason) {
      await recordAudit(
        db,
        auditEvent(actor, "invitation.created", {
          outcome: error instanceof Forbidden ? "denied" : "failure",
          subject: { type: "organisation", id: (input.organisation ?? actor.organisation.id).slice(0, 64) },
          client: delivery.client,
          details: { reason, email: input.email, role: input.role },
        }),
      );
    }
    throw withoutQueryParameters(error);
  }
}

async function invite(db: Database, actor: Inviter, input: InvitationInput, delivery: InvitationDelivery, now: Date): Promise<InvitationSent> {
  if (!can(actor.role, "users.invite_org")) throw refused(new Forbidden(), "no_permission");
  const admin = can(actor.role, "users.manage");
  let orgId: string;
  if (admin) {
    if (!input.organisation) throw new Invalid(PROBLEM, { organisation: "Choose the organisation to invite them to" });
    orgId = input.organisation;
  } else {
    // A partner lead's organisation is the one they act for; naming another is refused, not followed.
    if (input.organisation !== undefined && input.organisation !== actor.organisation.id) {
      throw refused(new Forbidden("You can only invite people to your own organisation."), "other_organisation");
    }
    orgId = actor.organisation.id;
  }
  if (!invitableRoles(actor.role).includes(input.role)) {
    throw refused(new Forbidden("Only the national administrators can invite administrators and auditors."), "restricted_role");
  }

  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3_600_000);
  const { invitationId, organisation } = await withContext(db, contextOf(actor), async (tx) => {
    const [organisation] = UUID.test(orgId)
      ? await tx
          .select({ id: organisations.id, name: organisations.name, type: organisations.type, status: organisations.status })
          .from(organisations)
          .where(eq(organisations.id, orgId))
      : [];
    if (!organisation) {
      throw refused(
        admin ? new Invalid(PROBLEM, { organisation: "Choose an organisation from the list" }) : new NotFound("There is no such organisation."),
        "unknown_organisation",
      );
    }
    if (organisation.status !== "active") {
      throw refused(
        new Invalid(PROBLEM, { organisation: `${organisation.name} is suspended: nobody can be invited to it until it is reinstated` }),
        "organisation_suspended",
      );
    }
    if (isNationalRole(input.role) && organisation.type !== "national") {
      throw refused(
        new Invalid(PROBLEM, { role: `${roleLabel(input.role)}s belong to the national organisation only: choose another role or organisation` }),
        "national_role_elsewhere",
      );
    }
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, organisation.id), eq(sql`lower(${users.email})`, input.email)));
    if (member) {
      throw refused(new Invalid(PROBLEM, { email: `${input.email} is already a member of ${organisation.name}` }), "already_member");
    }
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.orgId, organisation.id),
          eq(sql`lower(${invitations.email})`, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    const [row] = await tx
      .insert(invitations)
      .values({ orgId: organisation.id, email: input.email, role: input.role, tokenHash: hashToken(token), invitedBy: actor.userId, createdAt: now, expiresAt })
      .returning({ id: invitations.id });
    await recordAudit(
      tx,
      auditEvent(actor, "invitation.created", {
        subject: { type: "invitation", id: row!.id },
        client: delivery.client,
        details: {
          orgId: organisation.id,
          email: input.email,
          role: input.role,
          expiresAt: expiresAt.toISOString(),
          delivery: delivery.mailer ? "email" : "shown_to_inviter",
          replaced: replaced.map((invitation) => invitation.id),
        },
      }),
    );
    return { invitationId: row!.id, organisation: { id: organisation.id, name: organisation.name } };
  });

  const link = new URL(`/invitations/${token}`, delivery.linkBase).toString();
  const sent: InvitationSent = { invitationId, email: input.email, organisation, role: input.role, expiresAt, link: null };
  if (!delivery.mailer) return { ...sent, link };
  try {
    await delivery.mailer.send(
      invitationMessage({ to: input.email, organisationName: organisation.name, roleLabel: roleLabel(input.role), inviterName: actor.displayName, link, expiresAt }),
    );
  } catch (error) {
    // The error's code only: the message may quote the SMTP conversation, never the mail itself, but keep logs lean.
    console.error(`The invitation e-mail for invitation ${invitationId} could not be sent (${mailErrorCode(error)}); the invitation is withdrawn.`);
    await withContext(db, contextOf(actor), async (tx) => {
      await tx.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)));
      await recordAudit(tx, auditEvent(actor, "invitation.revoked", { subject: { type: "invitation", id: invitationId }, client: delivery.client, details: { reason: "email_not_sent", code: mailErrorCode(error) } }));
    });
    throw new InvitationNotDelivered();
  }
  return sent;
}

function mailErrorCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === "string" ? code : "unknown", typeof responseCode === "number" ? String(responseCode) : null].filter(Boolean).join(" ");
}

export type InvitationDetails = {
  invitationId: string;
  email: string;
  role: Role;
  organisation: { id: string; name: string; active: boolean };
  expiresAt: Date;
  /** Whether an account with the invited address exists already (then its owner signs in to accept). */
  accountExists: boolean;
};

/**
 * The live invitation behind a link, for anyone holding it (the link is the credential). Used,
 * expired, withdrawn and unknown links are all InvitationUnavailable.
 */
export async function findInvitation(db: Database, token: string, now = new Date()): Promise<InvitationDetails> {
  if (!TOKEN_PATTERN.test(token)) throw new InvitationUnavailable();
  // Nobody is signed in yet, so row-level security shows no invitation: a security-definer
  // function finds the live one with this hash, and nothing else.
  const [row] = await withContext(db, {}, async (tx) =>
    rowsOf<{ id: string; org_id: string; email: string; role: Role; expires_ms: number | string }>(
      await tx.execute(
        sql`select id, org_id, email, role, (extract(epoch from expires_at) * 1000)::float8 as expires_ms from app_find_invitation(${hashToken(token)})`,
      ),
    ),
  );
  const expiresAt = row ? new Date(Number(row.expires_ms)) : null;
  if (!row || !expiresAt || expiresAt.getTime() <= now.getTime()) throw new InvitationUnavailable();
  // The invitation names its organisation; reading that one row needs it as the context.
  const [organisation] = await withContext(db, { orgId: row.org_id }, (tx) =>
    tx.select({ id: organisations.id, name: organisations.name, status: organisations.status }).from(organisations).where(eq(organisations.id, row.org_id)),
  );
  if (!organisation) throw new InvitationUnavailable();
  const [account] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, row.email.toLowerCase()));
  return {
    invitationId: row.id,
    email: row.email.toLowerCase(),
    role: row.role,
    organisation: { id: organisation.id, name: organisation.name, active: organisation.status === "active" },
    expiresAt,
    accountExists: Boolean(account),
  };
}

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
      await tx.insert(users).values({ id: newUserId, email: invitation.email, displayName: input.displayName, passwordHash, createdAt: now, updatedAt: now });
      const row = await consume(tx, token, newUserId, now);
      await tx.insert(memberships).values({ userId: newUserId, orgId: row.orgId, role: row.role, createdAt: now, updatedAt: now });
      const invitee = { userId: newUserId, organisation: { id: row.orgId } };
      await recordAudit(tx, auditEvent(invitee, "user.created", { subject: { type: "user", id: newUserId }, client, details: { via: "invitation", invitationId: row.id } }));
      await recordAudit(tx, auditEvent(invitee, "membership.created", { subject: { type: "user", id: newUserId }, client, details: { via: "invitation", orgId: row.orgId, role: row.role } }));
      await recordAudit(tx, auditEvent(invitee, "invitation.accepted", { subject: { type: "invitation", id: row.id }, client, details: { orgId: row.orgId, role: row.role, newAccount: true } }));
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
      const [existing] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.userId, invitee.userId), eq(memberships.orgId, invitation.organisation.id)));
      if (existing) throw refused(new Conflict(`You already belong to ${invitation.organisation.name}.`), "already_member");
      const row = await consume(tx, token, invitee.userId, now);
      await tx.insert(memberships).values({ userId: invitee.userId, orgId: row.orgId, role: row.role, createdAt: now, updatedAt: now });
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

/**
 * Takes up the invitation atomically: only a row still unused, not withdrawn and not expired
 * changes, so of two concurrent acceptances exactly one gets it back.
 */
async function consume(tx: Database, token: string, userId: string, now: Date) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id, orgId: invitations.orgId, role: invitations.role });
  if (!row) throw refused(new InvitationAlreadyUsed(), "already_used");
  return row;
}

async function auditAcceptRefusal(db: Database, error: unknown, facts: { invitationId?: string; userId: string | null; client: Client }) {
  const reason = error instanceof InvitationUnavailable ? "unavailable" : error instanceof Error ? reasons.get(error) : undefined;
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
