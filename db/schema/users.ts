import { sql } from "drizzle-orm";
import { bigint, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/access/roles";
import { createdAt, id, moment, updatedAt } from "./columns";
import { organisations } from "./organisations";

export const role = pgEnum("role", ROLES);
export const userStatus = pgEnum("user_status", ["active", "suspended"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    displayName: text().notNull(),
    /** argon2id PHC string; null for accounts that only sign in through their organisation's SSO. */
    passwordHash: text(),
    /** Sealed by the secret box under SECRETS_KEY (lib/auth/totp-secret.ts), never plain text. */
    totpSecret: text(),
    /** The last TOTP time step accepted, so a code is never accepted twice. */
    totpLastStep: bigint({ mode: "number" }),
    mfaEnrolledAt: moment(),
    /** Wrong second-factor codes in a row, across every sign-in challenge; a right one resets it. */
    mfaFailedAttempts: integer().notNull().default(0),
    /** Set when mfaFailedAttempts reaches the limit: no sign-in until an org manager or admin lifts it. */
    mfaLockedAt: moment(),
    status: userStatus().notNull().default("active"),
    suspendedAt: moment(),
    lastSignInAt: moment(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** A user's role in one organisation; a user may belong to several. */
export const memberships = pgTable(
  "memberships",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: role().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index().on(t.orgId)],
);

/**
 * Server-side sessions, checked on every request so that sign-out, suspension and role changes
 * take effect at once. The id is a hash of the token in the cookie, never the token itself.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid().notNull(),
    /** The organisation the user acts for now; the choice lives here, not in the browser. */
    orgId: uuid().notNull(),
    createdAt: createdAt(),
    lastSeenAt: moment().notNull().defaultNow(),
    expiresAt: moment().notNull(),
    endedAt: moment(),
    endedReason: text(),
    userAgent: text(),
    ipAddress: text(),
  },
  (t) => [
    foreignKey({
      columns: [t.userId, t.orgId],
      foreignColumns: [memberships.userId, memberships.orgId],
    }).onDelete("cascade"),
    index().on(t.userId),
  ],
);
