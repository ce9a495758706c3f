import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { memberships, organisations, users } from "@/db/schema";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { OperatorError } from "@/lib/operator-error";
import { insertInvitation, withdrawOpenInvitations } from "./queries";
import { INVITATION_HOURS, invitationInput } from "./schema";
import { issueInvitationToken } from "./token";

// The first platform administrator of a production database, which has no demo data and so no
// one to invite them: `npm run admin:create` (scripts/admin-create.ts) calls this.

export const DEFAULT_NATIONAL_ORGANISATION = "National VAWG Coordination";

/** What the command line takes, checked before the database is opened. */
export const bootstrapAdminInput = z.object({
  email: invitationInput.shape.email,
  name: z
    .string({ error: "Give the administrator's full name with --name" })
    .trim()
    .min(1, "Give the administrator's full name with --name")
    .max(100, "The name must be 100 characters or fewer")
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), "The name must not contain control characters"),
  organisation: z
    .string()
    .trim()
    .min(1, "The organisation's name must not be empty")
    .max(200, "The organisation's name must be 200 characters or fewer")
    .default(DEFAULT_NATIONAL_ORGANISATION),
  force: z.boolean().default(false),
});

export type BootstrapAdminInput = z.infer<typeof bootstrapAdminInput>;

/** An active administrator exists already, and --force was not given. */
export class AdminExists extends OperatorError {
  override name = "AdminExists";
}

export type BootstrappedAdmin = {
  invitationId: string;
  /** The one-time link: printed once, never stored (only its hash is). */
  link: string;
  expiresAt: Date;
  organisation: { id: string; name: string; created: boolean };
};

/**
 * Invites the first administrator: creates the national organisation when there is none, then an
 * admin invitation to it for `email`, whose link the caller prints. Refused (AdminExists) while an
 * active administrator of an active organisation exists, unless `force`. The invitation is an
 * ordinary one: the person opens the link, chooses a password and, at first sign-in, sets up
 * their authenticator app. Runs as the administrator role with no user (nobody is signed in), in
 * one transaction with its audit events; an older open invitation to the same address is withdrawn.
 */
export async function bootstrapAdmin(
  db: Database,
  input: BootstrapAdminInput,
  { linkBase, now = new Date() }: { linkBase: string; now?: Date },
): Promise<BootstrappedAdmin> {
  const { tokenHash, link } = issueInvitationToken(linkBase);
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3_600_000);
  return withContext(db, { role: "admin" }, async (tx) => {
    // Two runs at once would both see no administrator; one waits for the other.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vawg.admin_bootstrap'))`);
    const admins = await activeAdmins(tx);
    if (admins.length > 0 && !input.force) {
      throw new AdminExists(
        `An active administrator already exists (${admins.length}): invite further administrators from the portal, or pass --force to create another invitation anyway.`,
      );
    }
    const { organisation, created } = await nationalOrganisation(tx, input.organisation, now);
    const replaced = await withdrawOpenInvitations(tx, organisation.id, input.email, now);
    const invitationId = await insertInvitation(tx, { orgId: organisation.id, email: input.email, role: "admin", tokenHash, invitedBy: null, createdAt: now, expiresAt });
    if (created) {
      await recordAudit(tx, auditEvent(null, "organisation.created", { subject: { type: "organisation", id: organisation.id }, details: { name: organisation.name, type: "national", via: "admin_bootstrap" } }));
    }
    await recordAudit(
      tx,
      auditEvent(null, "admin.bootstrapped", {
        subject: { type: "invitation", id: invitationId },
        details: {
          orgId: organisation.id,
          email: input.email,
          name: input.name,
          role: "admin",
          expiresAt: expiresAt.toISOString(),
          delivery: "printed_by_command_line",
          forced: admins.length > 0,
          activeAdmins: admins.length,
          replaced: replaced.map((row) => row.id),
        },
      }),
    );
    return { invitationId, link, expiresAt, organisation: { ...organisation, created } };
  });
}

/** Active administrators of active organisations. */
async function activeAdmins(tx: Database): Promise<{ userId: string }[]> {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.role, "admin"), eq(users.status, "active"), eq(organisations.status, "active")));
}

/** The (first, active) organisation of type national, or a new one with `name`. */
async function nationalOrganisation(tx: Database, name: string, now: Date) {
  const [existing] = await tx
    .select({ id: organisations.id, name: organisations.name, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.type, "national"))
    .orderBy(sql`${organisations.status} = 'active' desc`, organisations.createdAt);
  if (existing) {
    if (existing.status !== "active") {
      throw new OperatorError(`The national organisation ${existing.name} is suspended: reinstate it before inviting an administrator to it.`);
    }
    return { organisation: { id: existing.id, name: existing.name }, created: false };
  }
  const [row] = await tx
    .insert(organisations)
    .values({ name, type: "national", createdAt: now, updatedAt: now })
    .returning({ id: organisations.id, name: organisations.name });
  return { organisation: row!, created: true };
}
