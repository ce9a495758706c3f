import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/database";
import type { OrganisationType } from "./organisation-types";
import type { Role } from "./roles";

/**
 * Separation of duties (docs/access.md#separation-of-duties): administrators never see record-level
 * data, so they may not give an account they control a membership that does. In a partner
 * organisation an administrator gives only its first partner lead, while it has no active one;
 * every other membership there is its partner lead's to give. The national organisation's
 * memberships stay the administrators'. The rule is written once, in the database function
 * app_admin_may_give, which row-level security applies to every membership and invitation an
 * administrator writes.
 *
 * Why an administrator may not give `role` in `organisation`, or null when they may. `exceptUserId`:
 * the member whose role changes; `email`: an invitation's address (a live invitation to lead the
 * organisation sent to another address counts as a lead). The decision is the database's own
 * app_admin_may_give, asked once without and once with the address, so that the message can say
 * which stands in the way; this function only words it.
 */
export async function adminMayNotGive(
  tx: Database,
  organisation: { id: string; name: string; type: OrganisationType },
  role: Role,
  target: { exceptUserId?: string; email?: string } = {},
): Promise<string | null> {
  const userId = target.exceptUserId ?? null;
  const [answer] = rowsOf<{ leadless: boolean; uninvited: boolean }>(
    await tx.execute(sql`select
      app_admin_may_give(${organisation.id}, ${role}, ${userId}, null) as leadless,
      app_admin_may_give(${organisation.id}, ${role}, ${userId}, ${target.email ?? null}) as uninvited`),
  );
  if (answer?.leadless && answer.uninvited) return null;
  if (role !== "org_manager") {
    return `Only ${organisation.name}'s partner lead can give its members that role: administrators never see record-level data, so they invite a partner organisation's first partner lead and nobody else`;
  }
  return `${organisation.name} already has a partner lead${answer?.leadless ? " invited" : ""}: its partner lead gives every other membership, including another partner lead`;
}
