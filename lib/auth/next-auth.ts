import "server-only";
import NextAuth, { type DefaultSession, type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import type { NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { Invalid } from "@/lib/errors";
import { authSecret, getEnv, type Env } from "@/lib/env";
import { sessionPolicy } from "./policy";
import { requestOrigin } from "@/lib/http/request";
import { sessionOwner } from "./sessions";
import { SSO_REFUSALS, completeSsoSignIn, getSsoProviderConfig, providerIdFromKey, type SsoProviderConfig } from "./sso";

declare module "next-auth" {
  interface Session extends DefaultSession {
    /** The portal's own session token; the database decides on every request whether it is live. */
    sid?: string;
  }
  interface User {
    sessionToken?: string;
  }
}

/** A freshly started session may be bound to a cookie only in its first minute. */
const BIND_WINDOW_MS = 60_000;

/** The only Auth.js route the portal serves: an organisation's provider sending someone back. */
const SSO_CALLBACK_PATH = /^\/api\/auth\/callback\/(sso-[0-9a-f-]{36})$/;

/**
 * Auth.js keeps the browser's cookie (an encrypted JWT holding our session token); the sessions
 * table keeps the truth. Passwords and TOTP codes are checked by lib/auth/sign-in before the
 * `portal-session` provider is asked to bind a session that already exists to the cookie. An
 * organisation's OpenID Connect provider is the other way in: lib/auth/sso decides who its
 * validated claims belong to and starts the session, whose token goes into the cookie the same way.
 */
function portalConfig(env: Env, ssoProviders: readonly SsoProviderConfig[]): NextAuthConfig {
  return {
    secret: authSecret(env),
    trustHost: true,
    useSecureCookies: env.PORTAL_URL?.startsWith("https:") ?? false,
    session: { strategy: "jwt", maxAge: sessionPolicy(env).absoluteHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        id: "portal-session",
        credentials: { sessionToken: {} },
        async authorize(credentials) {
          const token = typeof credentials.sessionToken === "string" ? credentials.sessionToken : "";
          if (!token) return null;
          const db = await getDatabase();
          const owner = await sessionOwner(db, token, { createdAfter: new Date(Date.now() - BIND_WINDOW_MS) });
          return owner ? { id: owner, sessionToken: token } : null;
        },
      }),
      ...ssoProviders.map(oidcProvider),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        const providerId = providerIdFromKey(account?.provider);
        // The portal-session provider has already checked everything in authorize().
        if (!providerId) return true;
        const outcome = await completeSsoSignIn(
          await getDatabase(),
          { providerId, claims: { ...profile } },
          await requestOrigin(),
          sessionPolicy(env),
        );
        // A fixed code, never the message: the sign-in page looks the message up.
        if (!outcome.ok) return `/sign-in?sso=${outcome.reason}`;
        user.sessionToken = outcome.sessionToken;
        return true;
      },
      jwt({ token, user }) {
        if (user?.sessionToken) token.sid = user.sessionToken;
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : undefined } as typeof session;
      },
    },
  };
}

/**
 * A generic OpenID Connect client for one organisation's provider: endpoints from issuer
 * discovery, the authorisation code flow with PKCE, state and nonce, claims from the validated
 * ID token. Only the subject reaches Auth.js's user; the signIn callback reads the claims.
 */
function oidcProvider(provider: SsoProviderConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: provider.key,
    name: provider.displayName,
    type: "oidc",
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (claims) => ({ id: typeof claims.sub === "string" ? claims.sub : "" }),
  };
}

/**
 * Loaded per request: reading the session needs no provider at all, and an SSO callback needs
 * just the one it names, fresh from the database (so disabling a provider takes effect at once).
 */
const { handlers, auth, signIn, signOut } = NextAuth(async (request: NextRequest | undefined) => {
  const env = getEnv();
  const providerId = request ? providerIdFromKey(SSO_CALLBACK_PATH.exec(request.nextUrl.pathname)?.[1]) : null;
  const provider = providerId ? await getSsoProviderConfig(await getDatabase(), providerId) : null;
  return portalConfig(env, provider ? [provider] : []);
});
export { auth, signIn, signOut };

/**
 * Sends the browser to an organisation's provider to sign in, then back to `redirectTo` (a path
 * on this site). Called from a server action, which has checked the request's origin.
 */
export async function signInWithSso(providerId: string, redirectTo: string): Promise<never> {
  const provider = await getSsoProviderConfig(await getDatabase(), providerId);
  if (!provider) throw new Invalid(SSO_REFUSALS.provider_unavailable);
  const { signIn: signInThroughProvider } = NextAuth(() => portalConfig(getEnv(), [provider]));
  return signInThroughProvider(provider.key, { redirectTo });
}

/**
 * The Auth.js routes the portal exposes: only the callback of an organisation's provider.
 * Everything else Auth.js offers (its session, CSRF, providers and sign-in pages) is not found.
 */
export async function handleAuthRoute(request: NextRequest): Promise<Response> {
  if (request.method !== "GET" || !SSO_CALLBACK_PATH.test(request.nextUrl.pathname)) {
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store", "Content-Type": "text/plain" } });
  }
  const response = await handlers.GET(withPublicOrigin(request));
  await auditFailedCallback(request, response);
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "private, no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Auth.js answers a callback it could not complete (the person cancelled at the provider, a
 * state, PKCE or nonce check failed, the provider refused the code) with a redirect to
 * `/sign-in?error=…`; those are audited here. Refusals of valid claims are audited by lib/auth/sso.
 */
async function auditFailedCallback(request: NextRequest, response: Response): Promise<void> {
  const location = response.headers.get("location");
  if (!location) return;
  const error = new URL(location, "http://portal.invalid").searchParams.get("error");
  if (!error) return;
  await recordAudit(
    await getDatabase(),
    auditEvent(null, "sign_in.failed", {
      outcome: "failure",
      client: await requestOrigin(),
      details: { step: "sso", reason: error.slice(0, 64), providerId: providerIdFromKey(SSO_CALLBACK_PATH.exec(request.nextUrl.pathname)?.[1]) },
    }),
  );
}

/**
 * The request as the browser addressed it. The sign-in that sent the browser away built its
 * redirect URI from the Host and X-Forwarded-* headers (Auth.js's createActionURL), and the token
 * request must repeat that URI exactly, so the callback is read with the same origin. It is a
 * plain Request on purpose: NextRequest rewrites 127.0.0.1 and [::1] to "localhost", which would
 * change the URI on loopback. AUTH_URL, when an operator sets it, overrides both (Auth.js).
 */
function withPublicOrigin(request: NextRequest): NextRequest {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host) return request;
  const protocol = (request.headers.get("x-forwarded-proto") ?? "https").replace(/:$/, "");
  let url: URL;
  try {
    url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, `${protocol}://${host}`);
  } catch {
    // A Host that is no host: the redirect URI will not match, and the provider refuses the code.
    return request;
  }
  return Object.assign(new Request(url, { method: "GET", headers: request.headers }), { nextUrl: url }) as unknown as NextRequest;
}
