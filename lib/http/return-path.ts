import { getEnv } from "@/lib/env";

// Browsers drop tabs and newlines from a URL ("/\t/x" becomes "//x") and a newline breaks the
// Location header, so no control character is let through, nor a backslash (read as "/").
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * A `next` address after sign-in: a path on this site only, never another site. It is parsed
 * with the URL API against the portal's own origin, and what is given back is the normalised
 * path, so that the browser resolves it exactly as it was checked ("/.//x" is "//x", refused).
 * Without PORTAL_URL the origin is a stand-in: only "same origin or not" matters here.
 */
export function safeReturnPath(next: unknown, portalUrl: string = getEnv().PORTAL_URL ?? "http://portal.invalid"): string {
  if (typeof next !== "string" || !next.startsWith("/") || UNSAFE_CHARACTERS.test(next)) return "/";
  const origin = new URL(portalUrl).origin;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return /^\/(?![/\\])/.test(path) && !UNSAFE_CHARACTERS.test(path) ? path : "/";
}
