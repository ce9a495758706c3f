import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isUuid } from "@/lib/uuid";

/**
 * The client's address, decided where the socket is still known. Next.js gives pages, actions and
 * route handlers the request's headers but not its socket, and only sets X-Forwarded-For when the
 * caller has not: so whoever connects could name any address, bypass every per-address limit and
 * write what they liked into the audit trail and sessions. Instead the HTTP server's "request"
 * event is intercepted before Next.js sees the request (installed by lib/startup.ts, which
 * instrumentation.ts runs before the first request is served), the address is worked out from the
 * socket and the configured number of trusted proxies, and written into a header of our own,
 * marked with a random value only this process knows; lib/http/request.ts believes nothing else.
 * A request that was never stamped (a job, a test) has the address "unknown". The same header
 * carries the request's id, made here for every request, which the audit log records with each
 * event; a caller cannot choose it.
 */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";
const STAMP_KEY = Symbol.for("vawg.client-address.stamp");
const HOPS_KEY = Symbol.for("vawg.client-address.trusted-hops");

type Incoming = { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string | undefined } };
type Shared = typeof globalThis & { [STAMP_KEY]?: string; [HOPS_KEY]?: number };

/** Per process, shared by every bundle Next.js loads in it (instrumentation, pages, actions). */
function processStamp(): string {
  const shared = globalThis as Shared;
  return (shared[STAMP_KEY] ??= randomBytes(16).toString("hex"));
}

/** The address itself when it is a real IPv4 or IPv6 address, else null. */
export function validAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && isIP(trimmed) ? trimmed : null;
}

/**
 * The client among the socket's peer and the X-Forwarded-For entries before it: the socket is the
 * nearest hop, and each trusted proxy vouches for the entry it appended, so with N trusted hops
 * the client is the Nth address from the right. Entries further left were written by the caller.
 */
export function addressFromChain(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string | null {
  const forwarded = trustedHops > 0 ? (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean) : [];
  const chain = [...forwarded, socketAddress ?? ""];
  return validAddress(chain[Math.max(0, chain.length - 1 - trustedHops)]);
}

/** Replaces whatever the caller sent with the address the portal believes, stamped as ours. */
export function stampClientAddress(request: Incoming, trustedHops: number): void {
  const forwardedFor = request.headers["x-forwarded-for"];
  const address = addressFromChain(Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, request.socket.remoteAddress, trustedHops);
  request.headers[CLIENT_ADDRESS_HEADER] = `${processStamp()} ${address ?? "unknown"} ${randomUUID()}`;
  if (address) request.headers["x-forwarded-for"] = address;
  else delete request.headers["x-forwarded-for"];
}

/** The address in a stamp this process wrote, or "unknown" (no stamp, or one the caller forged). */
export function clientAddressFromStamp(stamp: string | null | undefined): string {
  const [mark, address] = (stamp ?? "").split(" ");
  return mark === processStamp() ? (validAddress(address) ?? "unknown") : "unknown";
}

/** The request id in a stamp this process wrote, or null (no stamp, or one the caller forged). */
export function requestIdFromStamp(stamp: string | null | undefined): string | null {
  const [mark, , requestId] = (stamp ?? "").split(" ");
  return mark === processStamp() && requestId !== undefined && isUuid(requestId) ? requestId : null;
}

/** Stamps every request the process's HTTP servers receive; calling it again only changes the hops. */
export function installClientAddressStamp(trustedHops: number): void {
  const shared = globalThis as Shared;
  const installed = shared[HOPS_KEY] !== undefined;
  shared[HOPS_KEY] = trustedHops;
  if (installed) return;
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") stampClientAddress(args[0] as Incoming, shared[HOPS_KEY] ?? 0);
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}
