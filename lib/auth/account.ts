import "server-only";
import { getDatabase } from "@/db/client";
import { auditEvent, recordAudit, type AuditAction } from "@/lib/audit/record";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { Invalid, NotFound } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { checkPassword } from "./password-policy";
import { signOut } from "./next-auth";
import { sessionPolicy } from "./policy";
import { requestOrigin } from "@/lib/http/request";
import { endOwnSessionByHandle, endUserSessions, listUserSessions, type SessionSummary } from "./sessions";
import type { Viewer } from "./viewer";

/** The viewer's own live sessions. Only the viewer may list them. */
export async function listMySessions(viewer: Viewer): Promise<SessionSummary[]> {
  return listUserSessions(await getDatabase(), viewer.userId, viewer.sessionId, sessionPolicy());
}

/** Ends one of the viewer's own sessions; another person's session is "not found". */
export async function endMySession(viewer: Viewer, handle: string): Promise<void> {
  const db = await getDatabase();
  if (!(await endOwnSessionByHandle(db, viewer.userId, handle))) throw new NotFound("That session has already ended.");
  await audit(viewer, "session.ended", { scope: "one" });
}

/** Ends every session of the viewer, this one included, and clears this browser's cookie. */
export async function signOutEverywhere(viewer: Viewer): Promise<number> {
  const ended = await endUserSessions(await getDatabase(), viewer.userId, "sign_out_everywhere");
  await audit(viewer, "session.ended", { scope: "everywhere", ended });
  await signOut({ redirect: false });
  return ended;
}

/**
 * Changes the viewer's own password: the current one is required, the new one must meet the
 * policy, and every other session of the viewer ends.
 */
export async function changePassword(viewer: Viewer, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const db = await getDatabase();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit(viewer, "password.changed", { result: "wrong_current_password" }, "failure");
    throw new Invalid("Your current password is not correct.", { currentPassword: "Enter your current password correctly" });
  }
  const policy = checkPassword(input.newPassword, { email: viewer.email, displayName: viewer.displayName });
  if (!policy.ok) throw new Invalid(policy.reason, { newPassword: policy.reason });
  await db.update(users).set({ passwordHash: await hashPassword(input.newPassword), updatedAt: new Date() }).where(eq(users.id, viewer.userId));
  const ended = await endUserSessions(db, viewer.userId, "password_changed", { except: viewer.sessionId });
  await audit(viewer, "password.changed", { otherSessionsEnded: ended });
}

async function audit(viewer: Viewer, action: AuditAction, details: Record<string, unknown>, outcome: "success" | "failure" = "success") {
  await recordAudit(await getDatabase(), auditEvent(viewer, action, { outcome, subject: { type: "user", id: viewer.userId }, client: await requestOrigin(), details }));
}
