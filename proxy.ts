import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends visitors without a session cookie to sign in first, for a kinder journey. It decides
 * nothing about access: a cookie here may be forged or dead, and every page, action and route
 * handler asks lib/access itself, so a request that skips this file is still refused. Other
 * addresses pass through untouched, so an unknown one still answers 404.
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
  "/stra-pack",
  "/users",
];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const inSignedInArea = SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  if (!inSignedInArea) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name)));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
