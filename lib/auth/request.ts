import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

export type RequestOrigin = { ipAddress: string; userAgent: string | null };

/**
 * The client's address and browser. Next.js appends the connecting peer to X-Forwarded-For, so
 * the last entry is the peer; entries before it are believed only for the configured number of
 * trusted reverse proxies, because anyone can write that header.
 */
export async function requestOrigin(): Promise<RequestOrigin> {
  const list = await headers();
  return {
    ipAddress: clientAddress(list.get("x-forwarded-for"), getEnv().TRUSTED_PROXY_HOPS),
    userAgent: list.get("user-agent"),
  };
}

export function clientAddress(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return entries[Math.max(0, entries.length - 1 - trustedHops)]!;
}

/**
 * Whether a state-changing request comes from the portal's own pages. Browsers send Origin on
 * every POST; a missing, "null" or foreign one is refused, as is a Sec-Fetch-Site other than
 * same-origin. The expected origin is PORTAL_URL's when set, else the Host the request came to.
 */
export function isSameOrigin(requestHeaders: Headers, portalUrl?: string): boolean {
  const fetchSite = requestHeaders.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;
  const origin = requestHeaders.get("origin");
  if (!origin || origin === "null") return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (portalUrl) return originUrl.origin === new URL(portalUrl).origin;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  return host !== null && originUrl.host === host;
}

export async function requestIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(await headers(), getEnv().PORTAL_URL);
}
