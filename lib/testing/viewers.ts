import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/database";
import { memberships, organisations, users } from "@/db/schema";
import { createSession } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/auth/tokens";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * A signed-in viewer for service tests: the seeded user, acting for one of their organisations
 * (the first by name unless named), with a real live session behind it.
 */
export async function viewerFor(db: Database, email: string, organisationName?: string): Promise<Viewer> {
  const rows = await db
    .select({ user: users, orgId: organisations.id, orgName: organisations.name, orgType: organisations.type, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(users.email, email), organisationName ? eq(organisations.name, organisationName) : undefined))
    .orderBy(organisations.name);
  const row = rows[0];
  if (!row) throw new Error(`No seeded member ${email}${organisationName ? ` of ${organisationName}` : ""}`);
  const token = await createSession(db, { userId: row.user.id, orgId: row.orgId }, { idleMinutes: 30, absoluteHours: 12 });
  return {
    userId: row.user.id,
    email: row.user.email,
    displayName: row.user.displayName,
    organisation: { id: row.orgId, name: row.orgName, type: row.orgType },
    role: row.role,
    sessionId: hashToken(token),
  };
}
