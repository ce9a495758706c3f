import { and, asc, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { memberships, organisations, recoveryCodes, sessions, signInChallenges, users } from "@/db/schema";
import { auditEvent, recordAudit, type AuditAction } from "@/lib/audit/record";
import { Invalid, RateLimited } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { createSession, type SessionPolicy } from "./sessions";
import { clearAccountFailures, recordFailure, secondsUntilAllowed, throttleRules } from "./throttle";
import { hashToken, newToken } from "./tokens";
import type { Mailer } from "@/lib/mail/transport";
import { mfaLockedMessage } from "@/lib/mail/mfa-locked-message";
import { generateTotpSecret, verifyTotp } from "./totp";
import { openTotpSecret, sealTotpSecret } from "./totp-secret";
import { log } from "@/lib/log";

/** One message for every wrong e-mail or password, so the answer never reveals who has an account. */
export const WRONG_CREDENTIALS = "Enter a correct e-mail address and password.";
export const WRONG_CODE = "The code is not correct, or it has already been used. Try the latest code.";
const CHALLENGE_MINUTES = 10;
const CHALLENGE_ATTEMPTS = 5;
/**
 * Wrong second-factor codes in a row, across every challenge, before the account is locked for
 * the second factor: a caller who knows the password cannot open challenge after challenge.
 * Counted per account whatever the address, and only after the password was right, so nobody
 * without it can lock a victim out.
 */
export const MFA_FAILURE_LIMIT = 10;
export const MFA_LOCKED =
  "This account is locked after too many wrong codes. Ask your organisation's partner lead or the national administrator to unlock it.";

type Client = { ipAddress: string; userAgent?: string | null };

// Verified against when the e-mail is unknown, so unknown and known accounts take as long.
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("a password nobody has, verified for timing only");
  return dummyHash;
}

export type PasswordStep = { challengeToken: string; next: "verify" | "enrol" };

/*
 * These services run outside any enclosing transaction on purpose: a refused attempt still
 * counts against the throttle and is still audited, even though the caller then reports an error.
 */

/**
 * First step of signing in: the e-mail and password. On success the browser gets a short-lived
 * challenge to complete with a TOTP code (or, before enrolment, to enrol one).
 */
export async function verifyPasswordStep(
  db: Database,
  input: { email: string; password: string },
  client: Client,
  now = new Date(),
): Promise<PasswordStep> {
  const email = input.email.trim();
  const rules = throttleRules(email, client.ipAddress);
  await refuseWhileThrottled(db, rules, client, { action: "sign_in.failed", step: "password" }, now);

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !passwordOk) {
    await recordFailure(db, rules, now);
    await recordAudit(db, auditEvent({ userId: user?.id ?? null }, "sign_in.failed", { outcome: "failure", client, details: { step: "password", reason: user ? "wrong_password" : "unknown_account" } }));
    throw new Invalid(WRONG_CREDENTIALS);
  }
  if (user.status !== "active") {
    await recordAudit(db, auditEvent({ userId: user.id }, "sign_in.failed", { outcome: "denied", client, details: { step: "password", reason: "suspended" } }));
    throw new Invalid("This account is suspended. Contact your organisation's partner lead or the national administrator.");
  }
  if (!(await defaultOrganisation(db, user.id))) {
    await recordAudit(db, auditEvent({ userId: user.id }, "sign_in.failed", { outcome: "denied", client, details: { step: "password", reason: "no_active_membership" } }));
    throw new Invalid("This account does not belong to an active organisation. Contact your partner lead.");
  }

  const enrolled = Boolean(user.totpSecret && user.mfaEnrolledAt);
  const challengeToken = newToken();
  await db.insert(signInChallenges).values({
    id: hashToken(challengeToken),
    userId: user.id,
    pendingTotpSecret: enrolled ? null : sealTotpSecret(generateTotpSecret()),
    ipAddress: client.ipAddress,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  });
  await recordAudit(db, auditEvent({ userId: user.id }, "sign_in.password_verified", { client }));
  return { challengeToken, next: enrolled ? "verify" : "enrol" };
}

export type PendingChallenge = { userId: string; email: string; enrolling: boolean; pendingTotpSecret: string | null };

/** A challenge completes a sign-in, or lets a signed-in user replace their authenticator. */
export type ChallengePurpose = "sign_in" | "reenrol";

/** The live challenge behind a token, or null when it is unknown, used, expired, exhausted or for another purpose. */
export async function getChallenge(
  db: Database,
  challengeToken: string,
  now = new Date(),
  purpose: ChallengePurpose = "sign_in",
): Promise<PendingChallenge | null> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, pendingTotpSecret: signInChallenges.pendingTotpSecret })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(
      and(
        eq(signInChallenges.id, hashToken(challengeToken)),
        eq(signInChallenges.purpose, purpose),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, now),
        lt(signInChallenges.failedAttempts, CHALLENGE_ATTEMPTS),
        eq(users.status, "active"),
      ),
    );
  if (!row) return null;
  const pendingTotpSecret = row.pendingTotpSecret === null ? null : openTotpSecret(row.pendingTotpSecret);
  return { ...row, pendingTotpSecret, enrolling: pendingTotpSecret !== null };
}

/**
 * New recovery codes for an enrolment: their hashes wait on the challenge until the first code
 * confirms the enrolment; the codes themselves are shown once and never stored.
 */
export async function prepareRecoveryCodes(db: Database, challengeToken: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await db
    .update(signInChallenges)
    .set({ pendingRecoveryCodeHashes: codes.map(hashRecoveryCode) })
    .where(eq(signInChallenges.id, hashToken(challengeToken)));
  return codes;
}

export type SignedIn = { userId: string; orgId: string; sessionToken: string };

/**
 * Second step: a TOTP code (or a recovery code) completes the challenge and starts a session.
 * Each TOTP time step is accepted once per user, even when two requests race, because the
 * step is stored with a conditional update; each recovery code and each challenge is used once.
 */
export async function completeSecondFactor(
  db: Database,
  input: { challengeToken: string; code: string },
  client: Client,
  policy: SessionPolicy,
  now = new Date(),
  mailer: Mailer | null = null,
): Promise<SignedIn> {
  const challengeId = hashToken(input.challengeToken);
  const challenge = await getChallenge(db, input.challengeToken, now);
  if (!challenge) throw new Invalid("Your sign-in has expired. Enter your e-mail address and password again.");
  const rules = throttleRules(challenge.email, client.ipAddress);
  await refuseWhileThrottled(db, rules, client, { action: "sign_in.failed", step: "second_factor" }, now, challenge.userId);
  const [lock] = await db.select({ lockedAt: users.mfaLockedAt }).from(users).where(eq(users.id, challenge.userId));
  if (lock?.lockedAt) {
    await recordAudit(db, auditEvent({ userId: challenge.userId }, "sign_in.failed", { outcome: "denied", client, details: { step: "second_factor", reason: "mfa_locked" } }));
    throw new Invalid(MFA_LOCKED, { code: MFA_LOCKED });
  }

  const accepted = challenge.enrolling
    ? await confirmEnrolment(db, challengeId, challenge, input.code, now)
    : await acceptCode(db, challenge.userId, input.code, now);
  if (!accepted) {
    await db
      .update(signInChallenges)
      .set({ failedAttempts: sql`${signInChallenges.failedAttempts} + 1` })
      .where(eq(signInChallenges.id, challengeId));
    await recordFailure(db, rules, now);
    await recordAudit(db, auditEvent({ userId: challenge.userId }, "sign_in.failed", { outcome: "failure", client, details: { step: "second_factor" } }));
    // A wrong code during enrolment guesses nothing: the new secret is on the person's own screen.
    if (!challenge.enrolling && (await countSecondFactorFailure(db, challenge, client, now, mailer))) {
      throw new Invalid(MFA_LOCKED, { code: MFA_LOCKED });
    }
    throw new Invalid(WRONG_CODE, { code: WRONG_CODE });
  }

  const consumed = await db
    .update(signInChallenges)
    .set({ consumedAt: now })
    .where(and(eq(signInChallenges.id, challengeId), isNull(signInChallenges.consumedAt)))
    .returning({ id: signInChallenges.id });
  if (consumed.length === 0) throw new Invalid("Your sign-in has expired. Enter your e-mail address and password again.");

  const orgId = await defaultOrganisation(db, challenge.userId);
  if (!orgId) throw new Invalid("This account does not belong to an active organisation. Contact your partner lead.");
  const sessionToken = await createSession(db, { userId: challenge.userId, orgId, ...client }, policy, now);
  await db.update(users).set({ lastSignInAt: now, mfaFailedAttempts: 0 }).where(eq(users.id, challenge.userId));
  await clearAccountFailures(db, challenge.email, client.ipAddress);
  await recordAudit(db, auditEvent({ userId: challenge.userId, organisation: { id: orgId } }, "session.signed_in", { client, details: { method: challenge.enrolling ? "password_and_new_totp" : "password_and_totp" } }));
  return { userId: challenge.userId, orgId, sessionToken };
}

/**
 * Counts a wrong code against the account, atomically, and locks the second factor when the
 * count reaches the limit: audited as mfa.locked and e-mailed to the person (when a mail server
 * is configured). Returns whether the account is now locked.
 */
async function countSecondFactorFailure(db: Database, challenge: PendingChallenge, client: Client, now: Date, mailer: Mailer | null): Promise<boolean> {
  const [counted] = await db
    .update(users)
    .set({
      mfaFailedAttempts: sql`${users.mfaFailedAttempts} + 1`,
      mfaLockedAt: sql`case when ${users.mfaFailedAttempts} + 1 >= ${MFA_FAILURE_LIMIT} then coalesce(${users.mfaLockedAt}, ${now.toISOString()}::timestamptz) else ${users.mfaLockedAt} end`,
    })
    .where(eq(users.id, challenge.userId))
    .returning({ failures: users.mfaFailedAttempts, lockedAt: users.mfaLockedAt });
  if (!counted?.lockedAt) return false;
  // Only the failure that reached the limit records and announces the lock.
  if (counted.failures !== MFA_FAILURE_LIMIT) return true;
  await recordAudit(db, auditEvent({ userId: challenge.userId }, "mfa.locked", { outcome: "denied", client, subject: { type: "user", id: challenge.userId }, details: { failures: counted.failures } }));
  if (mailer) {
    try {
      await mailer.send(mfaLockedMessage({ to: challenge.email, lockedAt: now }));
    } catch {
      // The lock stands whether or not the mail went; the message is never logged.
      log.error({ userId: challenge.userId }, "The lock-out e-mail could not be sent");
    }
  }
  return true;
}

async function acceptCode(db: Database, userId: string, code: string, now: Date): Promise<boolean> {
  const [user] = await db.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (!user?.totpSecret) return false;
  const totp = verifyTotp(openTotpSecret(user.totpSecret), code, now);
  if (totp.valid) {
    const claimed = await db
      .update(users)
      .set({ totpLastStep: totp.step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, totp.step))))
      .returning({ id: users.id });
    return claimed.length === 1;
  }
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length === 0) return false;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

async function confirmEnrolment(db: Database, challengeId: string, challenge: PendingChallenge, code: string, now: Date): Promise<boolean> {
  const totp = verifyTotp(challenge.pendingTotpSecret!, code, now);
  if (!totp.valid) return false;
  await applyAuthenticator(db, challengeId, challenge, totp.step, now);
  return true;
}

/** Makes the challenge's pending secret and recovery codes the user's own, replacing any before. */
async function applyAuthenticator(db: Database, challengeId: string, challenge: PendingChallenge, step: number, now: Date) {
  const [pending] = await db
    .select({ hashes: signInChallenges.pendingRecoveryCodeHashes })
    .from(signInChallenges)
    .where(eq(signInChallenges.id, challengeId));
  await db
    .update(users)
    .set({ totpSecret: sealTotpSecret(challenge.pendingTotpSecret!), totpLastStep: step, mfaEnrolledAt: now, updatedAt: now })
    .where(eq(users.id, challenge.userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, challenge.userId));
  const hashes = pending?.hashes ?? [];
  if (hashes.length > 0) {
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId: challenge.userId, codeHash, createdAt: now })));
  }
  await recordAudit(db, auditEvent({ userId: challenge.userId }, "mfa.enrolled", { subject: { type: "user", id: challenge.userId } }));
}

/**
 * Re-authenticates a signed-in user with their password before they replace their
 * authenticator, and starts the replacement: a new secret waits on a challenge until its
 * first code confirms it. Wrong passwords count against the same throttle as sign-in.
 */
export async function startReenrolment(
  db: Database,
  input: { userId: string; email: string; password: string },
  client: Client,
  now = new Date(),
): Promise<string> {
  const rules = throttleRules(input.email, client.ipAddress);
  await refuseWhileThrottled(db, rules, client, { action: "mfa.reauthentication_failed" }, now, input.userId);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
    await recordFailure(db, rules, now);
    await recordAudit(db, auditEvent({ userId: input.userId }, "mfa.reauthentication_failed", { outcome: "failure", client }));
    throw new Invalid("Your password is not correct.", { password: "Enter your current password correctly" });
  }
  const challengeToken = newToken();
  await db.insert(signInChallenges).values({
    id: hashToken(challengeToken),
    userId: input.userId,
    purpose: "reenrol",
    pendingTotpSecret: sealTotpSecret(generateTotpSecret()),
    ipAddress: client.ipAddress,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  });
  return challengeToken;
}

/** Confirms a replacement authenticator with its first code; only the user who started it may. */
export async function completeReenrolment(
  db: Database,
  input: { challengeToken: string; userId: string; code: string },
  now = new Date(),
): Promise<void> {
  const challengeId = hashToken(input.challengeToken);
  const challenge = await getChallenge(db, input.challengeToken, now, "reenrol");
  if (!challenge || challenge.userId !== input.userId) throw new Invalid("This set-up has expired. Start again from your account page.");
  if (!(await confirmEnrolment(db, challengeId, challenge, input.code, now))) {
    await db
      .update(signInChallenges)
      .set({ failedAttempts: sql`${signInChallenges.failedAttempts} + 1` })
      .where(eq(signInChallenges.id, challengeId));
    throw new Invalid(WRONG_CODE, { code: WRONG_CODE });
  }
  await db.update(signInChallenges).set({ consumedAt: now }).where(eq(signInChallenges.id, challengeId));
}

/**
 * The organisation a new session acts for: the one the user last used, if they still belong to
 * it and it is active, else the first of their active organisations by name.
 */
async function defaultOrganisation(db: Database, userId: string): Promise<string | undefined> {
  const active = await withContext(db, { userId }, (tx) =>
    tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), eq(organisations.status, "active")))
      .orderBy(asc(organisations.name)),
  );
  if (active.length === 0) return undefined;
  const [last] = await db
    .select({ orgId: sessions.orgId })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  return active.find((row) => row.orgId === last?.orgId)?.orgId ?? active[0]!.orgId;
}

async function refuseWhileThrottled(
  db: Database,
  rules: ReturnType<typeof throttleRules>,
  client: Client,
  refusal: { action: AuditAction; step?: string },
  now: Date,
  userId?: string,
): Promise<void> {
  const wait = await secondsUntilAllowed(db, rules, now);
  if (wait === 0) return;
  await recordAudit(db, auditEvent({ userId: userId ?? null }, refusal.action, { outcome: "denied", client, details: { ...(refusal.step ? { step: refusal.step } : {}), reason: "throttled" } }));
  const minutes = Math.ceil(wait / 60);
  throw new RateLimited(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, wait);
}
