import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, clientAddressFromStamp, requestIdFromStamp } from "./client-address";
import { isSameOrigin } from "./origin";

export type RequestOrigin = { ipAddress: string; userAgent: string | null; requestId: string | null };

/**
 * The client's address and browser. The address is the one the HTTP server worked out from the
 * socket and the trusted proxy hops before Next.js saw the request (lib/http/client-address.ts):
 * never X-Forwarded-For as the caller wrote it.
 */
export async function requestOrigin(): Promise<RequestOrigin> {
  const list = await headers();
  return {
    ipAddress: clientAddressFromStamp(list.get(CLIENT_ADDRESS_HEADER)),
    requestId: requestIdFromStamp(list.get(CLIENT_ADDRESS_HEADER)),
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

export async function requestIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(await headers(), getEnv().PORTAL_URL);
}
