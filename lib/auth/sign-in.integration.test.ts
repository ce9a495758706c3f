import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import { withContext } from "@/db/context";
import * as t from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { parseEnv } from "@/lib/env";
import { Invalid, RateLimited } from "@/lib/errors";
import { startTestSmtpServer } from "@/lib/mail/testing";
import { createMailer } from "@/lib/mail/transport";
import type * as passwordModule from "./password";
import { hashPassword, verifyPassword } from "./password";

// The real argon2 functions, watched: an unknown e-mail must cost one verification like a known one.
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof passwordModule>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
import { endUserSessions, resolveSession, sessionOwner } from "./sessions";
import {
  MFA_FAILURE_LIMIT,
  MFA_LOCKED,
  WRONG_CODE,
  WRONG_CREDENTIALS,
  completeReenrolment,
  completeSecondFactor,
  getChallenge,
  prepareRecoveryCodes,
  startReenrolment,
  verifyPasswordStep,
} from "./sign-in";
import { base32Decode, totpCode } from "./totp";
import { openTotpSecret, sealTotpSecret } from "./totp-secret";

const SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
const PASSWORD = "a long and unremarkable passphrase";
const POLICY = { idleMinutes: 30, absoluteHours: 12 };
const T0 = new Date("2026-11-29T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const code = (time: Date, secret = SECRET) => totpCode(base32Decode(secret), time);

let handle: DatabaseHandle;
let orgId: string;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const [org] = await handle.db.insert(t.organisations).values({ name: "Sign-in test partner", type: "third_sector" }).returning();
  orgId = org!.id;
});
afterAll(async () => {
  await handle?.close();
});

/** A fresh user, so tests never share throttle counters or TOTP steps. */
async function user(options: { enrolled?: boolean; status?: "active" | "suspended" } = {}) {
  counter += 1;
  const email = `person${counter}@partner.example`;
  const [row] = await handle.db
    .insert(t.users)
    .values({
      email,
      displayName: `Person ${counter}`,
      passwordHash: await hashPassword(PASSWORD),
      totpSecret: options.enrolled === false ? null : sealTotpSecret(SECRET),
      mfaEnrolledAt: options.enrolled === false ? null : T0,
      status: options.status ?? "active",
    })
    .returning();
  await handle.db.insert(t.memberships).values({ userId: row!.id, orgId, role: "submitter" });
  return { id: row!.id, email };
}

const client = (ipAddress = "192.0.2.10") => ({ ipAddress, userAgent: "test" });

async function signIn(email: string, time = T0, ip?: string) {
  const step = await verifyPasswordStep(handle.db, { email, password: PASSWORD }, client(ip), time);
  return completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: code(time) }, client(ip), POLICY, time);
}

async function auditActions(userId: string) {
  const rows = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.actorUserId, userId));
  return rows.map((row) => `${row.action}:${row.outcome}`);
}

describe("the password step", () => {
  it("gives the same message for a wrong password and an unknown e-mail address", async () => {
    const person = await user();
    const wrong = verifyPasswordStep(handle.db, { email: person.email, password: "not the passphrase at all" }, client(), T0);
    await expect(wrong).rejects.toThrow(new Invalid(WRONG_CREDENTIALS));
    const unknown = verifyPasswordStep(handle.db, { email: "nobody@partner.example", password: PASSWORD }, client(), T0);
    await expect(unknown).rejects.toThrow(new Invalid(WRONG_CREDENTIALS));
  });

  it("runs one argon2 verification for an unknown e-mail address too, so timing does not reveal accounts", async () => {
    const person = await user();
    const verify = vi.mocked(verifyPassword);
    verify.mockClear();
    await expect(verifyPasswordStep(handle.db, { email: "nobody-at-all@partner.example", password: PASSWORD }, client("203.0.113.50"), T0)).rejects.toThrow(new Invalid(WRONG_CREDENTIALS));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    verify.mockClear();
    await expect(verifyPasswordStep(handle.db, { email: person.email, password: "wrong wrong wrong" }, client("203.0.113.50"), T0)).rejects.toThrow(new Invalid(WRONG_CREDENTIALS));
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("matches the e-mail address in any letter case", async () => {
    const person = await user();
    const step = await verifyPasswordStep(handle.db, { email: ` ${person.email.toUpperCase()} `, password: PASSWORD }, client(), T0);
    expect(step.next).toBe("verify");
  });

  it("throttles an account from one address after five failures, but not from another address", async () => {
    const person = await user();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(verifyPasswordStep(handle.db, { email: person.email, password: "wrong wrong wrong" }, client("198.51.100.1"), T0)).rejects.toBeInstanceOf(Invalid);
    }
    const blocked = verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client("198.51.100.1"), at(60));
    await expect(blocked).rejects.toBeInstanceOf(RateLimited);
    await expect(blocked).rejects.toThrow(/Try again in 14 minutes/);
    const elsewhere = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client("198.51.100.2"), at(60));
    expect(elsewhere.next).toBe("verify");
    // The window passes: the same address may try again.
    const later = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client("198.51.100.1"), at(16 * 60));
    expect(later.next).toBe("verify");
  });

  it("refuses a suspended account, saying so only to someone who knows its password", async () => {
    const person = await user({ status: "suspended" });
    await expect(verifyPasswordStep(handle.db, { email: person.email, password: "wrong wrong wrong" }, client(), T0)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0)).rejects.toThrow(/suspended/);
  });

  it("sends someone without an authenticator app to enrol", async () => {
    const person = await user({ enrolled: false });
    const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    expect(step.next).toBe("enrol");
    expect((await getChallenge(handle.db, step.challengeToken, T0))?.pendingTotpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("audits each failure and success", async () => {
    const person = await user();
    await expect(verifyPasswordStep(handle.db, { email: person.email, password: "wrong wrong wrong" }, client(), T0)).rejects.toThrow(new Invalid(WRONG_CREDENTIALS));
    await signIn(person.email);
    expect(await auditActions(person.id)).toEqual(["sign_in.failed:failure", "sign_in.password_verified:success", "session.signed_in:success"]);
  });
});

describe("the second factor", () => {
  it("starts a live session when the TOTP code is right", async () => {
    const person = await user();
    const signedIn = await signIn(person.email);
    expect(signedIn).toMatchObject({ userId: person.id, orgId });
    expect(await sessionOwner(handle.db, signedIn.sessionToken)).toBe(person.id);
    const session = await withContext(handle.db, { userId: person.id }, (tx) => resolveSession(tx, signedIn.sessionToken, POLICY, at(60)));
    expect(session).toMatchObject({ userId: person.id, role: "submitter", organisation: { id: orgId } });
  });

  it("accepts a TOTP code only once, even from a second sign-in in the same time step", async () => {
    const person = await user();
    await signIn(person.email);
    const again = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), at(5));
    await expect(
      completeSecondFactor(handle.db, { challengeToken: again.challengeToken, code: code(T0) }, client(), POLICY, at(5)),
    ).rejects.toThrow(WRONG_CODE);
  });

  it("accepts exactly one of two racing requests with the same code", async () => {
    const person = await user();
    const first = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    const second = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    const results = await Promise.allSettled(
      [first, second].map((step) =>
        completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: code(T0) }, client(), POLICY, T0),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses a code from two steps ago and a malformed one, and kills the challenge after five wrong codes", async () => {
    const person = await user();
    const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client("203.0.113.7"), T0);
    const attempt = (value: string) =>
      completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: value }, client("203.0.113.7"), POLICY, T0);
    await expect(attempt(code(at(-60)))).rejects.toThrow(WRONG_CODE);
    for (const wrong of ["12345", "abcdef", "000000", "999999"]) await expect(attempt(wrong)).rejects.toBeInstanceOf(Invalid);
    await expect(attempt(code(T0))).rejects.toThrow(/expired/);
  });

  it("takes a recovery code instead of a TOTP code, once", async () => {
    const person = await user({ enrolled: false });
    const enrol = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    const secret = (await getChallenge(handle.db, enrol.challengeToken, T0))!.pendingTotpSecret!;
    const recoveryCodes = await prepareRecoveryCodes(handle.db, enrol.challengeToken);
    await completeSecondFactor(handle.db, { challengeToken: enrol.challengeToken, code: code(T0, secret) }, client(), POLICY, T0);

    const useRecovery = async () => {
      const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), at(90));
      return completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: recoveryCodes[3]!.toLowerCase() }, client(), POLICY, at(90));
    };
    await expect(useRecovery()).resolves.toMatchObject({ userId: person.id });
    await expect(useRecovery()).rejects.toThrow(WRONG_CODE);
  });

  it("enrols the new authenticator only when its first code is right", async () => {
    const person = await user({ enrolled: false });
    const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    const secret = (await getChallenge(handle.db, step.challengeToken, T0))!.pendingTotpSecret!;
    await expect(
      completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: code(T0) }, client(), POLICY, T0),
    ).rejects.toThrow(WRONG_CODE);
    await completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: code(T0, secret) }, client(), POLICY, T0);
    const [stored] = await handle.db.select().from(t.users).where(eq(t.users.id, person.id));
    expect(openTotpSecret(stored!.totpSecret!)).toBe(secret);
    expect(stored!.mfaEnrolledAt).not.toBeNull();
  });
});

describe("sessions", () => {
  async function live(token: string, userId: string, time: Date) {
    return withContext(handle.db, { userId }, (tx) => resolveSession(tx, token, POLICY, time));
  }

  it("end after 30 idle minutes and after 12 hours however active", async () => {
    const person = await user();
    const { sessionToken } = await signIn(person.email);
    expect(await live(sessionToken, person.id, at(29 * 60))).not.toBeNull();
    expect(await live(sessionToken, person.id, at(29 * 60 + 31 * 60))).toBeNull();

    const other = await user();
    const second = await signIn(other.email);
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      expect(await live(second.sessionToken, other.id, at(minutes * 60))).not.toBeNull();
    }
    expect(await live(second.sessionToken, other.id, at(12 * 3600 + 1))).toBeNull();
  });

  it("stop working at once when the user is suspended or signs out everywhere", async () => {
    const person = await user();
    const { sessionToken } = await signIn(person.email);
    await handle.db.update(t.users).set({ status: "suspended" }).where(eq(t.users.id, person.id));
    expect(await live(sessionToken, person.id, at(1))).toBeNull();
    await handle.db.update(t.users).set({ status: "active" }).where(eq(t.users.id, person.id));
    expect(await live(sessionToken, person.id, at(2))).not.toBeNull();
    expect(await endUserSessions(handle.db, person.id, "sign_out_everywhere", {}, at(3))).toBe(1);
    expect(await live(sessionToken, person.id, at(4))).toBeNull();
  });

  it("get a new identifier at every sign-in", async () => {
    const person = await user();
    const first = await signIn(person.email, T0);
    const second = await signIn(person.email, at(31));
    expect(second.sessionToken).not.toBe(first.sessionToken);
  });
});

describe("replacing an authenticator", () => {
  it("needs the current password again, then the new app's first code", async () => {
    const person = await user();
    await expect(startReenrolment(handle.db, { userId: person.id, email: person.email, password: "not my password at all" }, client(), T0)).rejects.toThrow(
      /password is not correct/,
    );
    const token = await startReenrolment(handle.db, { userId: person.id, email: person.email, password: PASSWORD }, client(), T0);
    const newSecret = (await getChallenge(handle.db, token, T0, "reenrol"))!.pendingTotpSecret!;
    expect(newSecret).not.toBe(SECRET);
    await expect(completeReenrolment(handle.db, { challengeToken: token, userId: person.id, code: code(T0) }, T0)).rejects.toThrow(WRONG_CODE);
    await completeReenrolment(handle.db, { challengeToken: token, userId: person.id, code: code(T0, newSecret) }, T0);
    const [stored] = await handle.db.select().from(t.users).where(eq(t.users.id, person.id));
    expect(openTotpSecret(stored!.totpSecret!)).toBe(newSecret);
  });

  it("cannot be finished by another user, nor with a sign-in challenge", async () => {
    const person = await user();
    const other = await user();
    const token = await startReenrolment(handle.db, { userId: person.id, email: person.email, password: PASSWORD }, client(), T0);
    const newSecret = (await getChallenge(handle.db, token, T0, "reenrol"))!.pendingTotpSecret!;
    await expect(completeReenrolment(handle.db, { challengeToken: token, userId: other.id, code: code(T0, newSecret) }, T0)).rejects.toThrow(/expired/);
    const signIn = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    await expect(completeReenrolment(handle.db, { challengeToken: signIn.challengeToken, userId: person.id, code: code(T0) }, T0)).rejects.toThrow(/expired/);
    expect(await getChallenge(handle.db, token, T0)).toBeNull();
  });
});

describe("authenticator secrets at rest", () => {
  const BASE32_SECRET = /[A-Z2-7]{26,}/;

  it("stores the pending secret of an enrolment and the enrolled one sealed, never as base32", async () => {
    const person = await user({ enrolled: false });
    const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), T0);
    const secret = (await getChallenge(handle.db, step.challengeToken, T0))!.pendingTotpSecret!;
    const [pending] = await handle.db.select().from(t.signInChallenges).where(eq(t.signInChallenges.userId, person.id));
    expect(pending!.pendingTotpSecret).toMatch(/^v1\./);
    expect(pending!.pendingTotpSecret).not.toMatch(BASE32_SECRET);
    expect(pending!.pendingTotpSecret).not.toContain(secret);

    await completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: code(T0, secret) }, client(), POLICY, T0);
    const [stored] = await handle.db.select().from(t.users).where(eq(t.users.id, person.id));
    expect(stored!.totpSecret).toMatch(/^v1\./);
    expect(stored!.totpSecret).not.toMatch(BASE32_SECRET);
    // And signing in again with the app just set up still works.
    const again = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(), at(60));
    await expect(completeSecondFactor(handle.db, { challengeToken: again.challengeToken, code: code(at(60), secret) }, client(), POLICY, at(60))).resolves.toMatchObject({
      userId: person.id,
    });
  });

  it("stores a replacement authenticator's secret sealed too", async () => {
    const person = await user();
    const token = await startReenrolment(handle.db, { userId: person.id, email: person.email, password: PASSWORD }, client(), T0);
    const [pending] = await handle.db.select().from(t.signInChallenges).where(eq(t.signInChallenges.purpose, "reenrol"));
    expect(pending!.pendingTotpSecret).not.toMatch(BASE32_SECRET);
    expect((await getChallenge(handle.db, token, T0, "reenrol"))!.pendingTotpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe("the account-wide limit on wrong codes", () => {
  /** Opens a fresh challenge from a fresh address, as an attacker who knows the password would. */
  let address = 0;
  async function freshChallenge(email: string, time = T0) {
    address += 1;
    const ip = `198.18.${Math.floor(address / 250)}.${(address % 250) + 1}`;
    const step = await verifyPasswordStep(handle.db, { email, password: PASSWORD }, client(ip), time);
    return (value: string, when = time) => completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: value }, client(ip), POLICY, when);
  }

  async function failures(email: string, count: number) {
    for (let done = 0; done < count; done += 2) {
      const attempt = await freshChallenge(email);
      for (let wrong = 0; wrong < Math.min(2, count - done); wrong++) await attempt("000000").catch(() => undefined);
    }
  }

  async function lockState(userId: string) {
    const [row] = await handle.db.select({ failures: t.users.mfaFailedAttempts, lockedAt: t.users.mfaLockedAt }).from(t.users).where(eq(t.users.id, userId));
    return row!;
  }

  it("is not reset by opening new challenges, from new addresses", async () => {
    const person = await user();
    await failures(person.email, MFA_FAILURE_LIMIT - 1);
    expect(await lockState(person.id)).toEqual({ failures: MFA_FAILURE_LIMIT - 1, lockedAt: null });
    const last = await freshChallenge(person.email);
    await expect(last("000000")).rejects.toThrow(MFA_LOCKED);
    expect((await lockState(person.id)).lockedAt).not.toBeNull();
  });

  it("then refuses even the right code, on any new challenge, with a message that reveals nothing more than the code step does", async () => {
    const person = await user();
    await failures(person.email, MFA_FAILURE_LIMIT);
    // The password step answers as it always does for a right password: the lock shows only at the code step.
    const attempt = await freshChallenge(person.email, at(120));
    await expect(attempt(code(at(120)), at(120))).rejects.toThrow(MFA_LOCKED);
    expect(MFA_LOCKED).not.toMatch(/password/i);
    // A wrong password still gets the one message for every wrong e-mail or password.
    await expect(verifyPasswordStep(handle.db, { email: person.email, password: "wrong wrong wrong" }, client("198.19.0.1"), at(120))).rejects.toThrow(
      new Invalid(WRONG_CREDENTIALS),
    );
    const actions = await auditActions(person.id);
    expect(actions.filter((action) => action === "mfa.locked:denied")).toHaveLength(1);
    expect(actions.at(-2)).toBe("sign_in.failed:denied");
  });

  it("counts recovery codes too, and starts again from zero after a right code", async () => {
    const person = await user();
    await failures(person.email, MFA_FAILURE_LIMIT - 1);
    await (await freshChallenge(person.email, at(30)))(code(at(30)), at(30));
    expect(await lockState(person.id)).toEqual({ failures: 0, lockedAt: null });
    const attempt = await freshChallenge(person.email, at(60));
    await expect(attempt("ABCDE-FGHJK", at(60))).rejects.toThrow(WRONG_CODE);
    expect((await lockState(person.id)).failures).toBe(1);
  });

  it("e-mails the person once when their account is locked", async () => {
    const smtp = await startTestSmtpServer();
    const mailer = createMailer(parseEnv({ SMTP_URL: smtp.url }))!;
    try {
      const person = await user();
      await failures(person.email, MFA_FAILURE_LIMIT - 1);
      address += 1;
      const step = await verifyPasswordStep(handle.db, { email: person.email, password: PASSWORD }, client(`198.19.1.${address % 250}`), T0);
      await expect(completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code: "000000" }, client(`198.19.1.${address % 250}`), POLICY, T0, mailer)).rejects.toThrow(
        MFA_LOCKED,
      );
      const mail = await smtp.waitForMail(person.email);
      expect(mail.subject).toBe("Your VAWG partner portal account has been locked");
      expect(mail.text).toMatch(/too many wrong authenticator or recovery codes/);
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
