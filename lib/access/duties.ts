import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { invitations, memberships, users } from "@/db/schema";
import type { OrganisationType } from "./organisation-types";
import type { Role } from "./roles";

/**
 * Separation of duties (docs/access.md#separation-of-duties): administrators never see record-level
 * data, so they may not give an account they control a membership that does. In a partner
 * organisation an administrator gives only its first partner lead, while it has no active one;
 * every other membership there is its partner lead's to give. The national organisation's
 * memberships stay the administrators'. Row-level security enforces the same rule again
 * (app_admin_may_give).
 *
 * Why an administrator may not give `role` in `organisation`, or null when they may. `exceptUserId`:
 * the member whose role changes; `email`: an invitation's address (a live invitation to lead the
 * organisation sent to another address counts as a lead).
 */
export async function adminMayNotGive(
  tx: Database,
  organisation: { id: string; name: string; type: OrganisationType },
  role: Role,
  target: { exceptUserId?: string; email?: string } = {},
): Promise<string | null> {
  if (organisation.type === "national") return null;
  if (role !== "org_manager") {
    return `Only ${organisation.name}'s partner lead can give its members that role: administrators never see record-level data, so they invite a partner organisation's first partner lead and nobody else`;
  }
  const [lead] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, organisation.id),
        eq(memberships.role, "org_manager"),
        eq(users.status, "active"),
        target.exceptUserId ? ne(memberships.userId, target.exceptUserId) : undefined,
      ),
    )
    .limit(1);
  const leadInvited = target.email
    ? await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(
          and(
            eq(invitations.orgId, organisation.id),
            eq(invitations.role, "org_manager"),
            sql`lower(${invitations.email}) <> ${target.email.toLowerCase()}`,
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, sql`now()`),
          ),
        )
        .limit(1)
    : [];
  if (lead || leadInvited.length > 0) {
    return `${organisation.name} already has a partner lead${lead ? "" : " invited"}: its partner lead gives every other membership, including another partner lead`;
  }
  return null;
}
