import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret for a browser or client to hold; 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a token: its SHA-256. Tokens are random and long, so a fast hash
 * is enough, and a stolen table cannot be replayed.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
