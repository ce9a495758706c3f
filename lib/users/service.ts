import "server-only";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { memberships, organisations, sessions, users } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { adminMayNotGive } from "@/lib/access/duties";
import { contextOf } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import { isNationalRole, type Role } from "@/lib/access/roles";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { endUserSessions } from "@/lib/auth/sessions";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";

export type MemberSummary = {
  userId: string;
  email: string;
  displayName: string;
  status: "active" | "suspended";
  role: Role;
  organisation: { id: string; name: string };
  mfaEnrolled: boolean;
  /** Locked after too many wrong second-factor codes, until unlocked. */
  mfaLocked: boolean;
  lastSignInAt: Date | null;
  liveSessions: number;
};

/**
 * The members of one organisation. Org managers see their own organisation's; admins see any
 * organisation's. Another organisation's list is "not found" to an org manager.
 */
export async function listMembers(viewer: Viewer, orgId: string): Promise<MemberSummary[]> {
  await authorise(viewer, "users.read_org");
  const scopeOrg = scopedOrganisation(viewer, orgId);
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx
      .select({
        userId: users.id,
        email: users.email,
        displayName: users.displayName,
        status: users.status,
        role: memberships.role,
        orgId: organisations.id,
        orgName: organisations.name,
        mfaEnrolledAt: users.mfaEnrolledAt,
        mfaLockedAt: users.mfaLockedAt,
        lastSignInAt: users.lastSignInAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.orgId, scopeOrg))
      .orderBy(asc(users.displayName));
    const live = await tx
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(and(eq(sessions.orgId, scopeOrg), isNull(sessions.endedAt)));
    return rows.map((row) => ({
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      status: row.status,
      role: row.role,
      organisation: { id: row.orgId, name: row.orgName },
      mfaEnrolled: row.mfaEnrolledAt !== null,
      mfaLocked: row.mfaLockedAt !== null,
      lastSignInAt: row.lastSignInAt,
      liveSessions: live.filter((session) => session.userId === row.userId).length,
    }));
  });
}

export type LockedMember = { userId: string; displayName: string; organisation: { id: string; name: string } };

/**
 * Members locked out after too many wrong second-factor codes, whom the viewer may unlock: an org
 * manager's own organisation's, an admin's in every organisation. One query, for the dashboard.
 */
export async function listLockedMembers(viewer: Viewer): Promise<LockedMember[]> {
  await authorise(viewer, "users.read_org");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx
      .select({ userId: users.id, displayName: users.displayName, orgId: organisations.id, orgName: organisations.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(isNotNull(users.mfaLockedAt), can(viewer.role, "users.manage") ? undefined : eq(memberships.orgId, viewer.organisation.id)))
      .orderBy(asc(organisations.name), asc(users.displayName));
    return rows.map((row) => ({ userId: row.userId, displayName: row.displayName, organisation: { id: row.orgId, name: row.orgName } }));
  });
}

/**
 * Changes a member's role. Org managers may do so in their own organisation only, never to or
 * from admin or auditor. Admins may give a partner organisation's member only the partner lead
 * role, and only while it has no other active one (separation of duties, lib/access/duties.ts). The member's sessions in that organisation end, so the old role is
 * gone on their very next request.
 */
export async function changeRole(viewer: Viewer, input: { userId: string; orgId: string; role: Role }): Promise<void> {
  await authorise(viewer, "users.read_org");
  const orgId = scopedOrganisation(viewer, input.orgId);
  const admin = can(viewer.role, "users.manage");
  if (!admin && isNationalRole(input.role)) throw new Forbidden("Only the national administrators can give that role.");
  const db = await getDatabase();
  await withContext(db, contextOf(viewer), async (tx) => {
    const current = await membershipOf(tx, input.userId, orgId);
    if (!admin && isNationalRole(current.role)) throw new Forbidden("Only the national administrators can change that role.");
    if (input.userId === viewer.userId) throw new Invalid("You cannot change your own role.", { role: "You cannot change your own role" });
    if (current.role === input.role) return;
    if (admin) {
      const [organisation] = await tx.select({ id: organisations.id, name: organisations.name, type: organisations.type }).from(organisations).where(eq(organisations.id, orgId));
      const [member] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
      const problem = organisation ? await adminMayNotGive(tx, organisation, input.role, { exceptUserId: input.userId, email: member?.email }) : null;
      if (problem) throw new Forbidden(problem);
    }
    await tx
      .update(memberships)
      .set({ role: input.role, updatedAt: new Date() })
      .where(and(eq(memberships.userId, input.userId), eq(memberships.orgId, orgId)));
    await endUserSessions(tx, input.userId, "role_changed", { orgId });
    await recordAudit(tx, auditEvent(viewer, "membership.role_changed", { subject: { type: "user", id: input.userId }, details: { orgId, from: current.role, to: input.role } }));
  });
}

/** Suspends or reactivates an account everywhere (admins only); suspension ends every session at once. */
export async function setUserStatus(viewer: Viewer, input: { userId: string; status: "active" | "suspended" }): Promise<void> {
  await authorise(viewer, "users.manage");
  if (input.userId === viewer.userId) throw new Invalid("You cannot suspend your own account.");
  const db = await getDatabase();
  await withContext(db, contextOf(viewer), async (tx) => {
    const now = new Date();
    const changed = await tx
      .update(users)
      .set({ status: input.status, suspendedAt: input.status === "suspended" ? now : null, updatedAt: now })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (changed.length === 0) throw new NotFound("No such user.");
    if (input.status === "suspended") await endUserSessions(tx, input.userId, "suspended", {}, now);
    await recordAudit(tx, auditEvent(viewer, input.status === "suspended" ? "user.suspended" : "user.reactivated", { subject: { type: "user", id: input.userId } }));
  });
}

/** Ends another user's sessions: admins anyone's, org managers their own organisation's members' there. */
export async function endSessionsOf(viewer: Viewer, input: { userId: string; orgId: string }): Promise<number> {
  await authorise(viewer, "sessions.end_others");
  const orgId = scopedOrganisation(viewer, input.orgId);
  const admin = can(viewer.role, "users.manage");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    await membershipOf(tx, input.userId, orgId);
    const ended = await endUserSessions(tx, input.userId, "ended_by_admin", admin ? {} : { orgId });
    await recordAudit(tx, auditEvent(viewer, "user.sessions_ended", { subject: { type: "user", id: input.userId }, details: { ended, orgId: admin ? null : orgId } }));
    return ended;
  });
}

/**
 * Lifts a second-factor lock-out (lib/auth/sign-in.ts) and clears the count of wrong codes:
 * org managers for their own organisation's members, admins for anyone's.
 */
export async function unlockSecondFactor(viewer: Viewer, input: { userId: string; orgId: string }): Promise<void> {
  await authorise(viewer, "users.read_org");
  const orgId = scopedOrganisation(viewer, input.orgId);
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    await membershipOf(tx, input.userId, orgId);
    const unlocked = await tx
      .update(users)
      .set({ mfaFailedAttempts: 0, mfaLockedAt: null, updatedAt: new Date() })
      .where(and(eq(users.id, input.userId), isNotNull(users.mfaLockedAt)))
      .returning({ id: users.id });
    if (unlocked.length === 0) throw new Invalid("This account is not locked.");
    await recordAudit(tx, auditEvent(viewer, "mfa.unlocked", { subject: { type: "user", id: input.userId }, details: { orgId } }));
  });
}

/** Org managers act on their own organisation whatever the request names; admins on the one named. */
function scopedOrganisation(viewer: Viewer, orgId: string): string {
  if (can(viewer.role, "users.manage")) return orgId;
  if (orgId !== viewer.organisation.id) throw new NotFound("No such organisation.");
  return viewer.organisation.id;
}

async function membershipOf(db: Database, userId: string, orgId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  if (!row) throw new NotFound("No such member of this organisation.");
  return row;
}
