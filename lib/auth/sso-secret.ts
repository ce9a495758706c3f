import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { secretsKey } from "@/lib/env";

/** The sealed secret is bound to its provider's row: copied to another row, it does not open. */
const context = (providerId: string) => `identity_providers:${providerId}:client_secret`;

export function sealClientSecret(providerId: string, secret: string, key: Buffer = secretsKey()): string {
  return sealSecret(secret, context(providerId), key);
}

export function openClientSecret(providerId: string, sealed: string, key: Buffer = secretsKey()): string {
  return openSecret(sealed, context(providerId), key);
}
