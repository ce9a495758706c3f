import "server-only";
import { cookies } from "next/headers";
import QRCode from "qrcode";
import { getDatabase } from "@/db/client";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { getEnv } from "@/lib/env";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { signIn, signOut } from "./next-auth";
import { sessionPolicy } from "./policy";
import { requestOrigin } from "@/lib/http/request";
import { endSession } from "./sessions";
import { completeReenrolment, completeSecondFactor, getChallenge, prepareRecoveryCodes, startReenrolment, verifyPasswordStep } from "./sign-in";
import { otpauthUri } from "./totp";
import type { Viewer } from "./viewer";
import { Invalid } from "@/lib/errors";

/** The browser's half of a sign-in in progress: HttpOnly, ten minutes, this site only. */
const CHALLENGE_COOKIE = "vawg.sign-in";
const ISSUER = "VAWG partner portal";

function secureCookies(): boolean {
  return getEnv().PORTAL_URL?.startsWith("https:") ?? false;
}

// One mailer per process, made on first use from SMTP_URL; null when none is configured.
let cachedMailer: Mailer | null | undefined;
function mailer(): Mailer | null {
  if (cachedMailer === undefined) cachedMailer = createMailer(getEnv());
  return cachedMailer;
}

/** Checks the e-mail and password and says where the person goes next: a code, or enrolment. */
export async function startSignIn(input: { email: string; password: string }): Promise<"verify" | "enrol"> {
  const db = await getDatabase();
  const step = await verifyPasswordStep(db, input, await requestOrigin());
  (await cookies()).set(CHALLENGE_COOKIE, step.challengeToken, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: 10 * 60,
  });
  return step.next;
}

async function challengeToken(): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value;
}

/** The sign-in in progress, if any: whose it is and whether they still have to enrol. */
export async function currentChallenge() {
  const token = await challengeToken();
  return token ? getChallenge(await getDatabase(), token) : null;
}

export type Enrolment = { email: string; secret: string; otpauthUri: string; qrCodeSvg: string };

/** What an authenticator app needs for the sign-in in progress: the key as text and as a QR code. */
export async function enrolmentDetails(): Promise<Enrolment | null> {
  const challenge = await currentChallenge();
  return challenge?.pendingTotpSecret ? describeEnrolment(challenge.email, challenge.pendingTotpSecret) : null;
}

async function describeEnrolment(email: string, secret: string): Promise<Enrolment> {
  const uri = otpauthUri({ secret, accountName: email, issuer: ISSUER });
  const qrCodeSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { email, secret, otpauthUri: uri, qrCodeSvg };
}

/**
 * Completes the sign-in with a code and binds the new session to the browser's cookie. An
 * enrolment also returns the recovery codes, to be shown this once.
 */
export async function finishSignIn(code: string): Promise<{ recoveryCodes: string[] }> {
  const token = await challengeToken();
  if (!token) throw new Invalid("Your sign-in has expired. Enter your e-mail address and password again.");
  const db = await getDatabase();
  const challenge = await getChallenge(db, token);
  const recoveryCodes = challenge?.enrolling ? await prepareRecoveryCodes(db, token) : [];
  const signedIn = await completeSecondFactor(db, { challengeToken: token, code }, await requestOrigin(), sessionPolicy(), new Date(), mailer());
  await signIn("portal-session", { sessionToken: signedIn.sessionToken, redirect: false });
  (await cookies()).delete(CHALLENGE_COOKIE);
  return { recoveryCodes };
}

/** The replacement of a signed-in user's authenticator, held for ten minutes after they re-enter their password. */
const REENROL_COOKIE = "vawg.new-authenticator";

export async function startAuthenticatorChange(viewer: Viewer, password: string): Promise<void> {
  const token = await startReenrolment(await getDatabase(), { userId: viewer.userId, email: viewer.email, password }, await requestOrigin());
  (await cookies()).set(REENROL_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/account", maxAge: 10 * 60 });
}

export async function authenticatorChangeDetails(viewer: Viewer): Promise<Enrolment | null> {
  const token = (await cookies()).get(REENROL_COOKIE)?.value;
  const challenge = token ? await getChallenge(await getDatabase(), token, new Date(), "reenrol") : null;
  if (!challenge?.pendingTotpSecret || challenge.userId !== viewer.userId) return null;
  return describeEnrolment(challenge.email, challenge.pendingTotpSecret);
}

/** Confirms the new authenticator with its first code; returns the new recovery codes, shown once. */
export async function finishAuthenticatorChange(viewer: Viewer, code: string): Promise<{ recoveryCodes: string[] }> {
  const token = (await cookies()).get(REENROL_COOKIE)?.value;
  if (!token) throw new Invalid("This set-up has expired. Start again from your account page.");
  const db = await getDatabase();
  const recoveryCodes = await prepareRecoveryCodes(db, token);
  await completeReenrolment(db, { challengeToken: token, userId: viewer.userId, code });
  (await cookies()).delete({ name: REENROL_COOKIE, path: "/account" });
  return { recoveryCodes };
}

/** Ends the viewer's session in the database, then clears the cookie. */
export async function signOutViewer(viewer: Viewer): Promise<void> {
  const db = await getDatabase();
  await endSession(db, viewer.sessionId, "sign_out");
  await recordAudit(db, auditEvent(viewer, "session.signed_out", { client: await requestOrigin() }));
  await signOut({ redirect: false });
}
