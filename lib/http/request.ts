import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getEnv } from "@/lib/env";
import { isSameOrigin } from "./origin";

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

/** The client of the request being served, or null for work no request asked for (a job, a test). */
export async function currentClient(): Promise<RequestOrigin | null> {
  try {
    return await requestOrigin();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

export function clientAddress(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return entries[Math.max(0, entries.length - 1 - trustedHops)]!;
}

export async function requestIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(await headers(), getEnv().PORTAL_URL);
}
