import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { memberships, organisations, sessions, users } from "@/db/schema";
import type { Role } from "@/lib/access/roles";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { validAddress } from "@/lib/http/client-address";
import { hashToken, newToken } from "./tokens";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

/** Writing last-seen on every request would turn each page view into a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export type ActiveSession = {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  organisation: { id: string; name: string; type: OrganisationType };
  role: Role;
  createdAt: Date;
};

/** Starts a new session (a new identifier every sign-in) and returns the token for the browser. */
export async function createSession(
  db: Database,
  input: { userId: string; orgId: string; ipAddress?: string | null; userAgent?: string | null },
  policy: SessionPolicy,
  now = new Date(),
): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    orgId: input.orgId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    ipAddress: validAddress(input.ipAddress),
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** Whose live session a token names, if any: read before the user's own context can be set. */
export async function sessionOwner(
  db: Database,
  token: string,
  options: { createdAfter?: Date } = {},
): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, hashToken(token)),
        isNull(sessions.endedAt),
        options.createdAfter ? gt(sessions.createdAt, options.createdAfter) : undefined,
      ),
    );
  return row?.userId;
}

/**
 * The session behind a token, checked afresh on every request: not ended, within its idle and
 * absolute limits, the user active, the organisation active and the membership still there.
 * Anything else is no session at all.
 */
export async function resolveSession(
  db: Database,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ActiveSession | null> {
  const idleCutoff = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      orgId: organisations.id,
      orgName: organisations.name,
      orgType: organisations.type,
      role: memberships.role,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.orgId, sessions.orgId)))
    .innerJoin(organisations, eq(organisations.id, sessions.orgId))
    .where(
      and(
        eq(sessions.id, hashToken(token)),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleCutoff),
        eq(users.status, "active"),
        eq(organisations.status, "active"),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    organisation: { id: row.orgId, name: row.orgName, type: row.orgType },
    role: row.role,
    createdAt: row.createdAt,
  };
}

export type EndReason = "sign_out" | "sign_out_everywhere" | "ended_by_user" | "suspended" | "role_changed" | "ended_by_admin" | "password_changed";

export async function endSession(db: Database, sessionId: string, reason: EndReason, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a user, or all but one (`except`), and says how many ended. */
export async function endUserSessions(
  db: Database,
  userId: string,
  reason: EndReason,
  options: { except?: string; orgId?: string } = {},
  now = new Date(),
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        options.except ? ne(sessions.id, options.except) : undefined,
        options.orgId ? eq(sessions.orgId, options.orgId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

export type SessionSummary = {
  /** A short public handle for the session; never the session id itself. */
  handle: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
};

/** A user's own live sessions, newest first, for the account page. */
export async function listUserSessions(
  db: Database,
  userId: string,
  currentSessionId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionSummary[]> {
  const idleCutoff = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff)))
    .orderBy(sql`${sessions.createdAt} desc`);
  return rows.map((row) => ({
    handle: sessionHandle(row.id),
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    current: row.id === currentSessionId,
  }));
}

/** Ends one of the user's own sessions, named by its public handle. */
export async function endOwnSessionByHandle(db: Database, userId: string, handle: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
  const match = rows.find((row) => sessionHandle(row.id) === handle);
  if (!match) return false;
  await endSession(db, match.id, "ended_by_user", now);
  return true;
}

function sessionHandle(sessionId: string): string {
  return hashToken(`handle:${sessionId}`).slice(0, 16);
}
