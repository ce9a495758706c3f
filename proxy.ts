import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { isSameOrigin } from "@/lib/http/origin";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Every response gets the portal's security headers here (lib/http/security-headers.ts): a
 * Content-Security-Policy with a nonce of its own, and no caching of anything signed in.
 * Two courtesies before a request reaches the portal, neither of them an access decision:
 * - a form posted to a page from another origin is answered 403 at once, whether sent by the
 *   page's script (a server action with its Next-Action header) or by the browser itself without
 *   JavaScript (Next.js would answer 500 or render the page; the action wrapper refuses it again
 *   in any case). Route handlers under /api answer for themselves: bearer tokens, not cookies;
 *   and identity providers post back to the sign-on callback from their own origin;
 * - a visitor without a session cookie is sent to sign in before a signed-in area. The cookie
 *   may be forged or dead: every page, action and route handler asks lib/access itself, so a
 *   request that skips this file is still refused. Other addresses pass untouched (404 stays 404).
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = [
  "/account",
  "/admin",
  "/agreements",
  "/api-tokens",
  "/audit",
  "/disclosures",
  "/insights",
  "/organisations",
  "/records",
  "/recorded-crime",
  "/stra-pack",
  "/users",
];

export function proxy(request: NextRequest) {
  const headers = responseHeaders(request);
  const respond = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const { pathname, search } = request.nextUrl;
  if (request.method === "POST" && !pathname.startsWith("/api/") && !isSameOrigin(request.headers, getEnv().PORTAL_URL)) {
    return respond(
      new NextResponse("This form was sent from another site, so it was refused.", {
        status: 403,
        headers: { "content-type": "text/plain; charset=utf-8" },
      }),
    );
  }
  const inSignedInArea = SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  if (inSignedInArea && !hasSession(request)) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("next", `${pathname}${search}`);
    return respond(NextResponse.redirect(signIn));
  }
  // Next.js reads the nonce from the request's Content-Security-Policy and puts it on the
  // scripts it renders; the browser gets the same policy on the response. (Next.js also copies
  // a proxy's response headers onto the request; setting it here does not depend on that.)
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return respond(NextResponse.next({ request: { headers: forwarded } }));
}

function hasSession(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name)));
}

/** The security headers of this response, with a fresh nonce (lib/http/security-headers.ts). */
function responseHeaders(request: NextRequest): Record<string, string> {
  const env = getEnv();
  return securityHeaders({
    nonce: newNonce(),
    https: request.nextUrl.protocol === "https:" || Boolean(env.PORTAL_URL?.startsWith("https:")),
    signedIn: hasSession(request),
    development: env.NODE_ENV === "development",
  });
}

// Upload streams are left out: a proxy would cap their bodies at 10 MB, and the route handlers
// check the session, the permission and the origin themselves. So is a partner system's call to
// the API with its token (an Authorization header): the route checks the token, no page is
// rendered, and running the proxy cost a fifth of a submission's CPU. Both get the static
// headers of next.config.js instead; an API request without a token still comes through here.
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico|disclosures/upload/stream|recorded-crime/upload/stream|api/v1/).*)" },
    { source: "/api/v1/:path*", missing: [{ type: "header", key: "authorization" }] },
  ],
};
