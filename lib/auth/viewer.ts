import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Viewer } from "@/lib/access/viewer";
import { auth } from "./next-auth";
import { sessionPolicy } from "./policy";
import { resolveSession, sessionOwner } from "./sessions";

export type { Viewer };

/**
 * The one place that reads the session, once per request. The cookie only names a session; the
 * database decides, on every request, whether it is still live and what role it carries, so
 * sign-out, suspension and role changes take effect on the very next request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = (await auth())?.sid;
  if (!token) return null;
  const db = await getDatabase();
  const userId = await sessionOwner(db, token);
  if (!userId) return null;
  const session = await withContext(db, { userId }, (tx) => resolveSession(tx, token, sessionPolicy()));
  if (!session) return null;
  return {
    userId: session.userId,
    email: session.email,
    displayName: session.displayName,
    organisation: session.organisation,
    role: session.role,
    sessionId: session.sessionId,
  };
});

/** The viewer, or a redirect to sign in (then back to `returnTo`) for anonymous visitors. */
export async function requireViewer(returnTo?: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  return viewer;
}
