import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabase } from "@/db/client";
import { authSecret, getEnv } from "@/lib/env";
import { sessionPolicy } from "./policy";
import { sessionOwner } from "./sessions";

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

/**
 * Auth.js keeps the browser's cookie (an encrypted JWT holding our session token); the sessions
 * table keeps the truth. Passwords and TOTP codes are checked by lib/auth/sign-in before this
 * provider is asked to bind a session that already exists to the cookie.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
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
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sessionToken) token.sid = user.sessionToken;
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : undefined } as typeof session;
      },
    },
  };
});
