import { createHmac, hkdfSync } from "node:crypto";
import { authSecret, getEnv, type Env } from "@/lib/env";

/**
 * A partner's own case reference is never stored: only an HMAC of it, keyed by a server secret
 * and scoped to the organisation, so the same reference from two partners never collides and a
 * stolen table cannot be matched against a partner's case system.
 */
export function hashPartnerReference(orgId: string, reference: string, env: Env = getEnv()): string {
  return createHmac("sha256", referenceKey(env)).update(`${orgId}\u0000${reference.trim()}`).digest("hex");
}

function referenceKey(env: Env): Buffer {
  if (env.PARTNER_REFERENCE_SECRET) return Buffer.from(env.PARTNER_REFERENCE_SECRET, "utf8");
  return Buffer.from(hkdfSync("sha256", authSecret(env), "vawg-portal", "partner-reference", 32));
}
