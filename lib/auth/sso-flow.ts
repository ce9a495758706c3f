import "server-only";
import { getDatabase } from "@/db/client";
import { safeReturnPath } from "@/lib/http/return-path";
import { signInWithSso } from "./next-auth";
import { listSignInProviders, ssoRefusalMessage, type SignInProvider } from "./sso";

/** The "Sign in with …" buttons: every enabled provider, by name. Open to anyone. */
export async function listSsoSignInOptions(): Promise<SignInProvider[]> {
  return listSignInProviders(await getDatabase());
}

/** Sends the browser to the provider; it comes back through /api/auth/callback/sso-<id>. */
export async function startSsoSignIn(providerId: string, next: unknown): Promise<never> {
  return signInWithSso(providerId, safeReturnPath(next));
}

/**
 * What to tell someone the sign-in page sent back: a refusal by code (lib/auth/sso), or any
 * Auth.js error (a cancelled sign-in, an expired state, a provider that is down) in one message.
 */
export function ssoProblem(params: { sso?: unknown; error?: unknown }): string | null {
  const refusal = ssoRefusalMessage(params.sso);
  if (refusal) return refusal;
  if (typeof params.error === "string" && params.error !== "") {
    return "Signing in through your organisation's account did not work. Try again, or sign in with your e-mail address and password.";
  }
  return null;
}
