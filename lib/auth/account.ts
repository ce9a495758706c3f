import "server-only";
import { getDatabase } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { NotFound } from "@/lib/errors";
import { signOut } from "./next-auth";
import { sessionPolicy } from "./policy";
import { requestOrigin } from "./request";
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
  await audit(viewer, "session.end", { scope: "one" });
}

/** Ends every session of the viewer, this one included, and clears this browser's cookie. */
export async function signOutEverywhere(viewer: Viewer): Promise<number> {
  const ended = await endUserSessions(await getDatabase(), viewer.userId, "sign_out_everywhere");
  await audit(viewer, "session.end", { scope: "everywhere", ended });
  await signOut({ redirect: false });
  return ended;
}

async function audit(viewer: Viewer, action: string, details: Record<string, unknown>) {
  const { ipAddress } = await requestOrigin();
  await recordAudit(await getDatabase(), {
    action,
    outcome: "success",
    actorUserId: viewer.userId,
    actorOrgId: viewer.organisation.id,
    subjectType: "user",
    subjectId: viewer.userId,
    ipAddress,
    details,
  });
}
