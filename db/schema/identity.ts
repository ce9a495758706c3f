import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, moment, updatedAt } from "./columns";
import { organisations } from "./organisations";
import { role, users } from "./users";

/** Single-use recovery codes, stored as hashes; each replaces one TOTP code once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: moment(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.userId, t.codeHash)],
);

/**
 * A sign-in half done: the password (or SSO) was right and the second factor is awaited.
 * The browser holds a random token; only its hash is stored. Enrolment keeps the new TOTP
 * secret and recovery-code hashes here until the first code confirms them.
 */
export const signInChallenges = pgTable(
  "sign_in_challenges",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Purpose: completing a sign-in, or re-authenticating a signed-in user before re-enrolling MFA. */
    purpose: text().notNull().default("sign_in"),
    /** The new authenticator secret, sealed like users.totpSecret. */
    pendingTotpSecret: text(),
    pendingRecoveryCodeHashes: text().array(),
    /** Wrong codes tried against this challenge; it dies after a few. */
    failedAttempts: integer().notNull().default(0),
    ipAddress: text(),
    createdAt: createdAt(),
    expiresAt: moment().notNull(),
    consumedAt: moment(),
  },
  (t) => [index().on(t.userId)],
);

/**
 * Fixed-window counters for sign-in throttling and request rate limits, shared by every portal
 * instance. A key names what is counted ("account-address:<hash>:<ip>", "address:<ip>",
 * "rate:api-token:<id>", "rate:export-user:<id>"…); rows past their window are reused.
 */
export const throttleCounters = pgTable("throttle_counters", {
  key: text().primaryKey(),
  windowStartedAt: moment().notNull(),
  count: integer().notNull().default(0),
});

/** An invitation to join an organisation with a role: a single-use link that expires. */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: role().notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: moment().notNull(),
    acceptedAt: moment(),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: moment(),
  },
  (t) => [index().on(t.orgId), index("invitations_email_idx").on(sql`lower(${t.email})`)],
);

/** An organisation's OpenID Connect provider for single sign-on. */
export const identityProviders = pgTable("identity_providers", {
  id: id(),
  orgId: uuid()
    .notNull()
    .unique()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** Shown on the sign-in button ("Sign in with …"). */
  displayName: text().notNull(),
  issuer: text().notNull(),
  clientId: text().notNull(),
  /** Encrypted at rest under the server key; never sent to a browser. */
  clientSecretEncrypted: text().notNull(),
  allowedDomains: text().array().notNull(),
  /** Role given to a new user who signs in this way; null means invitation only. */
  defaultRole: role(),
  enabled: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Links a user to the subject their organisation's identity provider knows them by. */
export const userIdentities = pgTable(
  "user_identities",
  {
    providerId: uuid()
      .notNull()
      .references(() => identityProviders.id, { onDelete: "cascade" }),
    subject: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSignInAt: moment(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] }), index().on(t.userId)],
);
