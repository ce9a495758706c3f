import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { withoutQueryParameters } from "@/db/errors";
import { adminMayNotGive } from "@/lib/access/duties";
import { contextOf } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { mailInvitation, type InvitationDelivery } from "./delivery";
import { PROBLEM, refusalReason, refused } from "./errors";
import {
  activeOrganisations,
  insertInvitation,
  isMemberByEmail,
  organisationChoice,
  organisationToInviteTo,
  withdrawOpenInvitations,
  type OrganisationChoice,
} from "./queries";
import { INVITATION_HOURS, invitableRoles, isNationalRole, roleLabel, type InvitationInput } from "./schema";
import { issueInvitationToken } from "./token";
import type { Inviter } from "./types";

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
    if (can(actor.role, "users.manage")) return { organisations: await activeOrganisations(tx), fixedOrganisation: null, roles };
    const own = await organisationChoice(tx, actor.organisation.id);
    if (!own) throw new NotFound("There is no such organisation.");
    return { organisations: [own], fixedOrganisation: own, roles };
  });
}

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
 * 72 hours. Administrators invite anyone to the national organisation (admin and auditor only
 * there) and to a partner organisation only its first partner lead (separation of duties,
 * lib/access/duties.ts); partner leads only to their own, with any role but admin and auditor. Someone
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
    const reason = refusalReason(error);
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
  const { orgId, admin } = chooseOrganisation(actor, input);
  const { tokenHash, link } = issueInvitationToken(delivery.linkBase);
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3_600_000);
  const { invitationId, organisation } = await withContext(db, contextOf(actor), async (tx) => {
    const organisation = await organisationToInviteTo(tx, orgId);
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
    if (admin) {
      const problem = await adminMayNotGive(tx, organisation, input.role, { email: input.email });
      if (problem) throw refused(new Forbidden(problem), "separation_of_duties");
    }
    if (await isMemberByEmail(tx, organisation.id, input.email)) {
      throw refused(new Invalid(PROBLEM, { email: `${input.email} is already a member of ${organisation.name}` }), "already_member");
    }
    const replaced = await withdrawOpenInvitations(tx, organisation.id, input.email, now);
    const id = await insertInvitation(tx, { orgId: organisation.id, email: input.email, role: input.role, tokenHash, invitedBy: actor.userId, createdAt: now, expiresAt });
    await recordAudit(
      tx,
      auditEvent(actor, "invitation.created", {
        subject: { type: "invitation", id },
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
    return { invitationId: id, organisation: { id: organisation.id, name: organisation.name } };
  });

  const sent: InvitationSent = { invitationId, email: input.email, organisation, role: input.role, expiresAt, link: null };
  if (!delivery.mailer) return { ...sent, link };
  await mailInvitation(db, actor, { invitationId, email: input.email, organisationName: organisation.name, role: input.role, link, expiresAt }, delivery.mailer, delivery.client);
  return sent;
}

/** Who may invite to which organisation and with which role; refusals are audited. */
function chooseOrganisation(actor: Inviter, input: InvitationInput): { orgId: string; admin: boolean } {
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
  return { orgId, admin };
}
